import AlongsideDomain
import Plot
import Vapor

enum ConversationViews {
    static func new(
        _ request: Request, relationship: Relationship, peer: Peer, form: ConversationsController.Form, errors: FieldErrors,
        status: HTTPResponseStatus = .ok
    ) -> Response {
        let id = relationship.id ?? UUID()
        let fields: [(String, String)] =
            [
                ("occurredAt", "When"), ("minutes", "How long"), ("mode", "How"), ("place", "Where"), ("reachedOut", "Who reached out"),
                ("sharedNote", "Shared note"), ("privateReflection", "Your own reflection"),
            ] + IPSTask.allCases.map { ($0.rawValue, $0.displayName) } + [("livedExperience", "Lived experience")]
        return request.page("Conversation with \(peer.preferredName)", status: status) {
            H1("Conversation with \(peer.preferredName)")
            ErrorSummary(errors: errors, fields: fields)
            Form(url: AppURL.conversations(id).path, method: .post) {
                CSRFField(token: request.csrfToken)
                FormField(
                    label: "When", name: "occurredAt", type: .datetimeLocal, value: form.occurredAt ?? "", error: errors["occurredAt"],
                    hint: "Date and time (UTC).")
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
                            .attribute(named: "checked", value: form.forSupervision == "on" ? "checked" : nil)
                        Label("Bring my reflection to supervision") {}.attribute(named: "for", value: "forSupervision")
                    }
                    .class("choice")
                }
                .attribute(named: "open", value: errors.isEmpty ? nil : "open")
                Button("Save the note").attribute(named: "type", value: "submit")
            }
            .attribute(named: "novalidate", value: "novalidate")
        }
    }

    static func show(_ request: Request, conversation: Conversation, relationship: Relationship, peer: Peer, saved: Bool) -> Response {
        let guide = request.application.languageGuide
        let mode = ConversationMode(rawValue: conversation.mode)?.displayName ?? conversation.mode
        return request.page("Conversation with \(peer.preferredName)") {
            H1("Conversation with \(peer.preferredName)")
            if saved { Paragraph("Your note is saved.").class("notice").attribute(named: "role", value: "status") }
            Tag.dl {
                Tag.pair("When", DateText.long(conversation.occurredAt))
                Tag.pair("How long", "\(conversation.minutes) minutes")
                Tag.pair("How", mode)
                if !conversation.place.isEmpty { Tag.pair("Where", conversation.place) }
                Tag.pair(
                    "Who reached out",
                    RelationshipViews.initiatorText(conversation.reachedOut).replacingOccurrences(of: "moved", with: "reached out"))
            }
            section("Shared note", conversation.sharedNote, guide: guide)
            for task in IPSTask.allCases where !conversation.reflection(task).isEmpty {
                section(task.displayName, conversation.reflection(task), guide: guide)
            }
            section("What I shared from my own lived experience", conversation.livedExperience, guide: guide)
            section(
                conversation.forSupervision ? "Your reflection (for supervision)" : "Your reflection (only you see this)",
                conversation.privateReflection, guide: guide)
            if let id = relationship.id {
                Paragraph { Link("Back to \(peer.preferredName)'s journey", url: AppURL.relationship(id).path) }
            }
        }
    }

    /// A piece of writing with the language guide's suggestions beside it. They advise; nothing
    /// stops the writer keeping their words.
    private static func section(_ title: String, _ text: String, guide: LanguageGuide) -> Component {
        guard !text.isEmpty else { return EmptyComponent() }
        let findings = guide.check(text)
        return Div {
            H2(title)
            Paragraph(text).class("note-text")
            if !findings.isEmpty {
                Element(name: "aside") {
                    Paragraph("Wording to think about").class("suggestions-title")
                    List(findings) { finding in
                        ListItem {
                            Tag.strong("“\(finding.matched)”")
                            Text(": \(finding.why) You might say: \(finding.suggestions.prefix(3).joined(separator: "; ")).")
                        }
                    }
                }
                .class("suggestions")
                .attribute(named: "aria-label", value: "Language suggestions for \(title)")
            }
        }
    }
}

extension Application {
    private struct LanguageGuideKey: StorageKey { typealias Value = LanguageGuide }

    var languageGuide: LanguageGuide {
        get { storage[LanguageGuideKey.self]! }
        set { storage[LanguageGuideKey.self] = newValue }
    }
}
