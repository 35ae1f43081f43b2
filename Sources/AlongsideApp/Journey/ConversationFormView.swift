import AlongsideDomain
import Plot
import Vapor

/// The note form, for a new conversation and for changing one. A stale change shows the version
/// someone else saved beside the writer's own, which stays in the form: nobody's words are lost.
enum ConversationFormView {
    enum Purpose {
        case new(relationshipID: UUID, others: [(id: UUID, name: String)])
        case change(conversationID: UUID, theirs: Conversation?, theirAuthor: String?)
    }

    static func render(
        _ viewer: Viewer, purpose: Purpose, peer: Peer, form: ConversationsController.Form, errors: FieldErrors,
        status: HTTPResponseStatus = .ok, ownWords: Bool = true
    ) -> Response {
        let (url, title, submit): (AppURL, String, String) =
            switch purpose {
            case .new(let id, _): (.conversations(id), "Conversation with \(peer.preferredName)", "Save the note")
            case .change(let id, _, _):
                (.conversation(id), "Change the note of a conversation with \(peer.preferredName)", "Save the change")
            }
        let fields: [(String, String)] =
            [
                ("occurredAt", "When"), ("minutes", "How long"), ("mode", "How"), ("place", "Where"), ("reachedOut", "Who reached out"),
                ("sharedNote", "Shared note"), ("privateReflection", "Your own reflection"),
            ] + IPSTask.allCases.map { ($0.rawValue, $0.displayName) } + [
                ("livedExperience", "Lived experience"), (GroupConversation.field, "Others who were there"),
            ]
        return viewer.page(title, status: status) {
            H1(title)
            ErrorSummary(errors: errors, fields: fields + [("version", "Someone else's change")])
            if case .change(_, let theirs?, let author) = purpose {
                StaleVersionPanel(theirs: theirs, author: author ?? "Someone", ownWords: ownWords)
            }
            Form(url: url.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                if let version = form.version {
                    Input(type: .hidden, name: "version").safeAttribute("value", String(version))
                }
                FormField(
                    label: "When", name: "occurredAt", type: .datetimeLocal, value: form.occurredAt ?? "", error: errors["occurredAt"],
                    hint: DateText.fieldHint)
                FormField(
                    label: "How long, in minutes", name: "minutes", type: .number, value: form.minutes ?? "", error: errors["minutes"])
                RadioChoices(
                    legend: "How did you talk?", name: "mode", options: ConversationMode.allCases.map { ($0.rawValue, $0.displayName) },
                    selected: form.mode, error: errors["mode"])
                FormField(label: "Where (optional)", name: "place", value: form.place ?? "", error: errors["place"], maxLength: 200)
                RadioChoices(
                    legend: "Who reached out?", name: "reachedOut",
                    options: [("peer", "They did"), ("worker", "I did"), ("both", "We'd planned it")],
                    selected: form.reachedOut, error: errors["reachedOut"])
                TextAreaField(
                    label: "Shared note", name: "sharedNote", value: form.sharedNote ?? "", error: errors["sharedNote"],
                    hint: "\(peer.preferredName) can read this. Write it for them: what happened, in plain words.",
                    maxLength: ConversationDraft.noteLimit)
                if !ownWords {
                    Paragraph(
                        "Another peer worker wrote this note. You can change what is shared; their own reflections stay theirs and are kept as they are."
                    )
                    .class("hint")
                }
                if ownWords {
                    Element(name: "details") {
                        Element(name: "summary") { Text("Reflections (optional)") }
                        for task in IPSTask.allCases {
                            TextAreaField(
                                label: task.displayName, name: task.rawValue, value: form.value(task), error: errors[task.rawValue],
                                hint: task.prompt,
                                maxLength: ConversationDraft.reflectionLimit)
                        }
                        TextAreaField(
                            label: "What I shared from my own lived experience", name: "livedExperience", value: form.livedExperience ?? "",
                            error: errors["livedExperience"], hint: "What you shared, why, and how it landed.",
                            maxLength: ConversationDraft.reflectionLimit)
                        TextAreaField(
                            label: "Your own reflection", name: "privateReflection", value: form.privateReflection ?? "",
                            error: errors["privateReflection"], hint: "Only you see this, unless you bring it to supervision.",
                            maxLength: ConversationDraft.noteLimit)
                        Div {
                            Input(type: .checkbox, name: "forSupervision").id("forSupervision")
                                .safeAttribute("checked", form.forSupervision == "on" ? "checked" : nil)
                            Label("Bring my reflection to supervision") {}.safeAttribute("for", "forSupervision")
                        }
                        .class("choice")
                    }
                    .safeAttribute("open", errors.isEmpty ? nil : "open")
                }
                if case .new(_, let others) = purpose, !others.isEmpty {
                    GroupChoices(others: others, chosen: Set(form.others ?? []), error: errors[GroupConversation.field])
                }
                Button(submit).safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate").safeAttribute("data-draft", "keep")
        }
    }
}

/// The version someone else saved while this person was editing: shown whole, read-only, so the
/// writer can bring over what they need before saving again.
struct StaleVersionPanel: Component {
    let theirs: Conversation
    let author: String
    let ownWords: Bool

    var body: Component {
        Element(name: "section") {
            H2("The version \(author) saved")
            Paragraph(
                "\(author) saved a change to this note at \(DateText.long(theirs.currentSince)), while you were editing. Your words are still in the form below; theirs are here. Bring over anything you need, then save: your save becomes the next version, and theirs stays in the history."
            )
            Tag.dl {
                Tag.pair("When", DateText.long(theirs.occurredAt))
                Tag.pair("How long", "\(theirs.minutes) minutes")
                Tag.pair("Shared note", theirs.sharedNote.isEmpty ? "(empty)" : theirs.sharedNote)
                if ownWords {
                    for task in IPSTask.allCases where !theirs.reflection(task).isEmpty {
                        Tag.pair(task.displayName, theirs.reflection(task))
                    }
                    if !theirs.livedExperience.isEmpty { Tag.pair("Lived experience", theirs.livedExperience) }
                    if !theirs.privateReflection.isEmpty { Tag.pair("Your own reflection", theirs.privateReflection) }
                }
            }
        }
        .class("stale-version")
    }
}

/// For a group: the other peers from this caseload who were there. Each gets their own copy of
/// the note; nobody's copy names the others.
struct GroupChoices: Component {
    let others: [(id: UUID, name: String)]
    let chosen: Set<String>
    let error: String?

    var body: Component {
        Element(name: "details") {
            Element(name: "summary") { Text("A group? Others from your caseload who were there") }
            FieldSet {
                Tag.legend("Others who were there")
                Paragraph(
                    "Each person ticked gets their own copy of this note and can read its shared note, so write it about the group and don't name anyone. Your reflections stay on this copy only."
                )
                .class("hint")
                if let error { Paragraph(error).class("field-error").id("\(GroupConversation.field)-error") }
                for other in others {
                    let value = other.id.uuidString.lowercased()
                    Div {
                        Input(type: .checkbox, name: "\(GroupConversation.field)[]").id("other-\(value)").safeAttribute("value", value)
                            .safeAttribute("checked", chosen.contains(where: { $0.lowercased() == value }) ? "checked" : nil)
                        Label(other.name) {}.safeAttribute("for", "other-\(value)")
                    }
                    .class("choice")
                }
            }
            .id(GroupConversation.field)
        }
        .safeAttribute("open", chosen.isEmpty && error == nil ? nil : "open")
    }
}
