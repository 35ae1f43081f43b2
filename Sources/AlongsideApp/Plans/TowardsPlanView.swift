import AlongsideDomain
import Plot
import Vapor

/// The moving-towards plan page. The peer and their worker see the same plan; the words change
/// to speak to whoever is reading ("Me" for the peer, their name for the worker).
enum TowardsPlanView {
    struct Context {
        let contents: TowardsPlanStore.Contents
        let names: [UUID: String]
        let conversations: [ConversationQueries.Listed]
        /// When the reader last looked, before this visit.
        let lastLooked: Date?
        /// For the worker: when the peer last looked.
        let peerLastLooked: Date?
    }

    static func render(
        _ viewer: Viewer, loaded: RecordDoor.Opened, context: Context, form: TowardsPlanController.Form, errors: FieldErrors,
        conflict: TowardsPlanController.Conflict?, status: HTTPResponseStatus
    ) -> Response {
        let relationship = loaded.relationship
        let id = relationship.id ?? UUID()
        let forPeer = loaded.viewerIsPeer
        let plan = context.contents.plan
        let me = viewer.signedIn?.actor.accountID
        let canChange = viewer.may(.changeTowardsPlan, relationship.peerResource(.plans, peer: loaded.peer, ended: loaded.ended))
        let newChanges =
            context.lastLooked.map { seen in
                context.contents.changes.filter { $0.changedAt > seen && $0.changedBy != me }
            } ?? []
        func name(_ account: UUID) -> String {
            if account == me { return "You" }
            if account == loaded.peer.accountID { return loaded.peer.preferredName }
            return context.names[account] ?? "Someone"
        }
        let saved = viewer.query("saved")
        return viewer.page("Moving towards", status: status) {
            H1(forPeer ? "Moving towards: my plan" : "Moving towards: \(loaded.peer.preferredName)'s plan")
            if let saved {
                Paragraph(savedText(saved)).class("notice").safeAttribute("role", "status")
            }
            Paragraph {
                Link(
                    forPeer ? "Back to my journey" : "Back to \(loaded.peer.preferredName)'s page",
                    url: forPeer ? AppURL.portal.path : AppURL.relationship(id).path)
            }
            Paragraph(
                "Where \(forPeer ? "you want" : "they want") to be, the steps towards it and what you learn together. Both of you can change it; every change is kept with who made it. Steps go at your own pace: nothing here is ever overdue."
            )
            .class("hint")
            if !newChanges.isEmpty {
                Element(name: "section") {
                    H2("Changed since you last looked")
                    List(newChanges) { change in
                        ListItem { Text("\(name(change.changedBy)), \(DateText.long(change.changedAt)): \(change.summary)") }
                    }
                }
                .class("changes-since")
                .safeAttribute("aria-label", "Changed since you last looked")
            }
            let unseenByPeer =
                context.peerLastLooked.map { seen in
                    context.contents.changes.filter { $0.changedAt > seen && $0.changedBy != loaded.peer.accountID }
                } ?? []
            if !forPeer, !unseenByPeer.isEmpty {
                Element(name: "section") {
                    H2("Not yet seen by \(loaded.peer.preferredName)")
                    List(unseenByPeer) { change in
                        ListItem { Text("\(name(change.changedBy)), \(DateText.long(change.changedAt)): \(change.summary)") }
                    }
                }
                .class("changes-since")
                .safeAttribute("aria-label", "Not yet seen by \(loaded.peer.preferredName)")
            }
            if !forPeer, plan != nil {
                Paragraph(
                    loaded.peer.accountID == nil
                        ? "\(loaded.peer.preferredName) has no login yet, so they see the plan when you look at it together."
                        : context.peerLastLooked.map { "\(loaded.peer.preferredName) last looked on \(DateText.long($0))." }
                            ?? "\(loaded.peer.preferredName) hasn't looked at the plan on their own yet."
                )
                .class("hint")
            }
            ErrorSummary(
                errors: errors,
                fields: [
                    ("vision", "Where I want to be"), ("stepText", "The step"), ("stepTaker", "Who takes it"),
                    ("stepSomeone", "Who the someone else is"), ("stepByWhen", "By when"), ("stepState", "Where it stands"),
                    ("learning", "What we learned"), ("reviewConversation", "Which conversation"), ("review", "What we said"),
                ] + context.contents.steps.compactMap { step in step.id.map { ("step-\($0.uuidString.lowercased())", "Step") } })
            visionSection(
                viewer, id: id, plan: plan, form: form, errors: errors, conflict: conflict, forPeer: forPeer,
                peerName: loaded.peer.preferredName, canChange: canChange)
            stepsSection(viewer, id: id, loaded: loaded, context: context, form: form, errors: errors, canChange: canChange)
            learningSection(viewer, id: id, context: context, form: form, errors: errors, canChange: canChange, name: name)
            reviewSection(viewer, id: id, context: context, form: form, errors: errors, canChange: canChange, name: name)
            if !context.contents.changes.isEmpty {
                Element(name: "details") {
                    Element(name: "summary") { Text("Every change (\(context.contents.changes.count))") }
                    List(context.contents.changes) { change in
                        ListItem {
                            Text("\(DateText.long(change.changedAt)), \(name(change.changedBy)): \(change.summary)")
                            if !change.before.isEmpty, change.before != change.after {
                                Paragraph("Before: \(change.before)").class("hint")
                            }
                        }
                    }
                }
                .class("plan-history")
            }
        }
    }

    private static func savedText(_ what: String) -> String {
        switch what {
        case "vision": "Saved “where I want to be”."
        case "step": "The step is saved."
        case "learning": "Added to what you learned."
        case "review": "The review is saved."
        default: "Saved."
        }
    }

    private static func visionSection(
        _ viewer: Viewer, id: UUID, plan: TowardsPlan?, form: TowardsPlanController.Form, errors: FieldErrors,
        conflict: TowardsPlanController.Conflict?, forPeer: Bool, peerName: String, canChange: Bool
    ) -> Component {
        Element(name: "section") {
            H2("Where I want to be")
            if let vision = plan?.vision, !vision.isEmpty {
                Paragraph(vision).class("note-text vision")
            } else {
                Paragraph(
                    forPeer
                        ? "Nothing written yet. In your own words: where do you want to be?"
                        : "Nothing written yet. It's theirs to say, in their own words."
                )
                .class("hint")
            }
            if let conflict, conflict.field == "vision" {
                Div {
                    H3("What \(conflict.savedBy) saved at \(DateText.long(conflict.savedAt))")
                    Paragraph(conflict.theirs.isEmpty ? "(They left it empty.)" : conflict.theirs).class("note-text")
                }
                .class("stale-version")
            }
            if canChange {
                Form(url: AppURL.towardsVision(id).path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    Input(type: .hidden, name: "version").safeAttribute("value", form.version ?? String(plan?.version ?? 0))
                    TextAreaField(
                        label: forPeer ? "Where I want to be, in my own words" : "Where \(peerName) wants to be, in their own words",
                        name: "vision", value: form.vision ?? plan?.vision ?? "",
                        error: errors["vision"], maxLength: PlanText.visionLimit)
                    Button("Save where I want to be").safeAttribute("type", "submit")
                }
                .safeAttribute("novalidate", "novalidate").safeAttribute("data-draft", "keep")
            }
        }
        .id("vision-section")
    }

    private static func stepsSection(
        _ viewer: Viewer, id: UUID, loaded: RecordDoor.Opened, context: Context, form: TowardsPlanController.Form,
        errors: FieldErrors, canChange: Bool
    ) -> Component {
        let steps = context.contents.steps
        var html = Markup()
        if steps.isEmpty {
            html += "<p>No steps yet.</p>"
        } else {
            html += "<ul class=\"steps\">"
            for step in steps {
                guard let stepID = step.id else { continue }
                let field = "step-\(stepID.uuidString.lowercased())"
                html += "<li class=\"step\"><p><strong>\(step.text)</strong></p><p class=\"hint\">"
                html += "Who: \(step.takerText(forPeer: loaded.viewerIsPeer))"
                if let byWhen = step.byWhen { html += " · By \(DateText.calendarDay(byWhen)), if it suits" }
                html += " · \(step.stepState.displayName)</p>"
                if canChange {
                    let error = errors[field]
                    html += "<form method=\"post\" action=\"\(AppURL.towardsStep(stepID))\" class=\"inline-form\">"
                    html += "<input type=\"hidden\" name=\"\(CSRFMiddleware.fieldName)\" value=\"\(viewer.csrfToken)\"/>"
                    html += "<input type=\"hidden\" name=\"version\" value=\"\(step.version)\"/>"
                    html += "<div class=\"\(error == nil ? "field" : "field has-error")\"><label for=\"\(field)\">Where it stands</label>"
                    if let error { html += "<p class=\"field-error\" id=\"\(field)-error\">\(error)</p>" }
                    html += "<select id=\"\(field)\" name=\"state\""
                    if error != nil { html += " aria-describedby=\"\(field)-error\" aria-invalid=\"true\"" }
                    html += ">"
                    for state in StepState.allCases {
                        html += "<option value=\"\(state.rawValue)\""
                        if state == step.stepState { html += " selected=\"selected\"" }
                        html += ">\(state.displayName)</option>"
                    }
                    html += "</select></div><button type=\"submit\">Update this step</button></form>"
                }
                html += "</li>"
            }
            html += "</ul>"
        }
        let hasProblem = ["stepText", "stepTaker", "stepSomeone", "stepByWhen", "stepState"].contains { errors[$0] != nil }
        return Element(name: "section") {
            H2("Steps towards it")
            html.component
            if canChange {
                Element(name: "details") {
                    Element(name: "summary") { Text("Add a step") }
                    Form(url: AppURL.towardsSteps(id).path, method: .post) {
                        CSRFField(token: viewer.csrfToken)
                        FormField(
                            label: "The step", name: "stepText", value: form.stepText ?? "", error: errors["stepText"],
                            maxLength: PlanText.stepLimit)
                        RadioChoices(
                            legend: "Who takes it", name: "stepTaker",
                            options: StepTaker.allCases.map { ($0.rawValue, loaded.viewerIsPeer ? $0.forThePeer : $0.displayName) },
                            selected: form.stepTaker, error: errors["stepTaker"])
                        FormField(
                            label: "If someone else, who", name: "stepSomeone", value: form.stepSomeone ?? "", error: errors["stepSomeone"],
                            maxLength: PlanText.nameLimit)
                        FormField(
                            label: "By when (optional)", name: "stepByWhen", type: .date, value: form.stepByWhen ?? "",
                            error: errors["stepByWhen"], hint: "Only if a date helps. Leave it empty otherwise.")
                        SelectField(
                            label: "Where it stands", name: "stepState", options: StepState.allCases.map { ($0.rawValue, $0.displayName) },
                            selected: form.stepState ?? StepState.thinking.rawValue, error: errors["stepState"], prompt: "Choose")
                        Button("Add the step").safeAttribute("type", "submit")
                    }
                    .safeAttribute("novalidate", "novalidate").safeAttribute("data-draft", "keep")
                }
                .safeAttribute("open", hasProblem ? "open" : nil)
            }
        }
        .id("steps")
    }

    private static func learningSection(
        _ viewer: Viewer, id: UUID, context: Context, form: TowardsPlanController.Form, errors: FieldErrors, canChange: Bool,
        name: @escaping (UUID) -> String
    ) -> Component {
        Element(name: "section") {
            H2("What we learned along the way")
            if context.contents.learnings.isEmpty {
                Paragraph("Nothing yet.").class("hint")
            } else {
                List(context.contents.learnings) { learning in
                    ListItem {
                        Paragraph(learning.text).class("note-text")
                        Paragraph("\(name(learning.writtenBy)), \(DateText.day(learning.writtenAt))").class("hint")
                    }
                }
                .class("learnings")
            }
            if canChange {
                Form(url: AppURL.towardsLearnings(id).path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    TextAreaField(
                        label: "Something we learned", name: "learning", value: form.learning ?? "", error: errors["learning"],
                        maxLength: PlanText.learningLimit)
                    Button("Add it").safeAttribute("type", "submit")
                }
                .safeAttribute("novalidate", "novalidate").safeAttribute("data-draft", "keep")
            }
        }
        .id("learnings")
    }

    private static func reviewSection(
        _ viewer: Viewer, id: UUID, context: Context, form: TowardsPlanController.Form, errors: FieldErrors, canChange: Bool,
        name: @escaping (UUID) -> String
    ) -> Component {
        let dates = Dictionary(uniqueKeysWithValues: context.conversations.map { ($0.id, $0.occurredAt) })
        return Element(name: "section") {
            H2("Looking at the plan together")
            if context.contents.reviews.isEmpty {
                Paragraph("No reviews yet. You can note one after any conversation.").class("hint")
            } else {
                List(context.contents.reviews) { review in
                    ListItem {
                        Tag.strong("Conversation on \(dates[review.conversationID].map(DateText.day) ?? "an earlier day")")
                        Paragraph(review.text).class("note-text")
                        Paragraph(name(review.writtenBy)).class("hint")
                    }
                }
            }
            if canChange, !context.conversations.isEmpty {
                Form(url: AppURL.towardsReviews(id).path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    SelectField(
                        label: "Which conversation", name: "reviewConversation",
                        options: context.conversations.prefix(50).map { ($0.id.uuidString.lowercased(), DateText.long($0.occurredAt)) },
                        selected: form.reviewConversation, error: errors["reviewConversation"])
                    TextAreaField(
                        label: "What we said about the plan", name: "review", value: form.review ?? "", error: errors["review"],
                        maxLength: PlanText.reviewLimit)
                    Button("Save the review").safeAttribute("type", "submit")
                }
                .safeAttribute("novalidate", "novalidate").safeAttribute("data-draft", "keep")
            }
        }
        .id("reviews")
    }
}
