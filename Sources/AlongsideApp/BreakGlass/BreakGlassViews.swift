import AlongsideDomain
import Plot
import Vapor

enum BreakGlassViews {
    static func open(
        _ viewer: Viewer, form: BreakGlassController.Form, matches: [(id: UUID, name: String)], searchError: String?, minutes: Int,
        errors: FieldErrors, status: HTTPResponseStatus
    ) -> Response {
        viewer.page("Open a record in an emergency", status: status) {
            Written.heading("Open a record in an emergency")
            Paragraph(
                "Only when it can't wait for the peer's consent. You'll read what is there for \(minutes) minutes. The peer and the coordinators are told at once, every read is shown to the peer, and a coordinator reviews why."
            )
            .class("hint")
            Form(url: AppURL.breakGlass.path, method: .get) {
                FormField(
                    label: "Find the peer by name", name: "find", value: form.find ?? "", error: searchError,
                    maxLength: SearchKey.queryLimit)
                Button("Find the peer").safeAttribute("type", "submit").class("secondary")
            }
            .safeAttribute("role", "search")
            ErrorSummary(
                errors: errors,
                fields: [("peer", "Which peer"), ("reason", "Why it can't wait"), ("words", "What is happening"), ("code", "Code")])
            Form(url: AppURL.breakGlass.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                Input(type: .hidden, name: "find").safeAttribute("value", form.find ?? "")
                if matches.isEmpty {
                    Paragraph(form.find == nil ? "Find the peer first." : "No peer of this service has that name.").id("peer").class("hint")
                    if let problem = errors["peer"] { Paragraph(problem).class("field-error").id("peer-error") }
                } else {
                    RadioChoices(
                        legend: "Which peer", name: "peer", options: matches.map { ($0.id.uuidString, $0.name) }, selected: form.peer,
                        error: errors["peer"])
                }
                RadioChoices(
                    legend: "Why it can't wait", name: "reason",
                    options: BreakGlassReason.allCases.map { ($0.rawValue, $0.plainWords.capitalisedFirst) }, selected: form.reason,
                    error: errors["reason"])
                TextAreaField(
                    label: "What is happening", name: "words", value: form.words ?? "", error: errors["words"],
                    hint: "In a sentence or two. A coordinator reads this when they review it.", maxLength: BreakGlassForm.wordsLimit)
                FormField(
                    label: "Code", name: "code", value: "", error: errors["code"],
                    hint: "Your second factor again: the six digits your authenticator app shows now.", autocomplete: "one-time-code",
                    maxLength: 20)
                Button("Open the record").safeAttribute("type", "submit").class("danger")
            }
            .safeAttribute("novalidate", "novalidate")
        }
    }

    static func reviews(
        _ viewer: Viewer, records: [BreakGlassRecord], names: [UUID: String], peerNames: [UUID: String], errors: [UUID: FieldErrors],
        forms: [UUID: BreakGlassController.Review], notice: String?, status: HTTPResponseStatus
    ) -> Response {
        let now = viewer.now
        let waiting = records.filter { $0.reviewedAt == nil }
        let reviewed = records.filter { $0.reviewedAt != nil }
        return viewer.page("Emergency openings", status: status) {
            Written.heading("Emergency openings to review")
            if let notice { Written.notice(notice) }
            if waiting.isEmpty { Paragraph("Nothing waits for review.") }
            for record in waiting {
                let id = record.id ?? UUID()
                let problems = errors[id] ?? FieldErrors()
                let form = forms[id] ?? BreakGlassController.Review()
                Element(name: "section") {
                    H2("\(names[record.openedBy] ?? "Someone") opened \(peerNames[record.peerID] ?? "a peer")'s record")
                    Tag.dl {
                        Tag.pair("When", DateText.long(record.openedAt))
                        Tag.pair("Why", record.reasonWords.capitalisedFirst + ": " + record.reason)
                        Tag.pair(
                            "Review by",
                            DateText.day(record.reviewDueAt) + (record.reviewDueAt < now ? " (overdue)" : ""))
                    }
                    if record.reviewDueAt < now { Paragraph("This review is overdue.").class("field-error overdue") }
                    if record.openedBy == viewer.signedIn?.actor.accountID {
                        Paragraph("You opened this one: another coordinator reviews it.").class("hint")
                    } else {
                        Form(url: AppURL.reviewBreakGlass(id).path, method: .post) {
                            CSRFField(token: viewer.csrfToken)
                            RadioChoices(
                                legend: "Was it justified?", name: "outcome",
                                options: BreakGlassForm.Outcome.allCases.map { ($0.rawValue, $0.plainWords) }, selected: form.outcome,
                                error: problems["outcome"], id: "outcome-\(id.uuidString.lowercased())")
                            TextAreaField(
                                label: "What you found", name: "note", value: form.note ?? "", error: problems["note"],
                                maxLength: BreakGlassForm.wordsLimit, id: "note-\(id.uuidString.lowercased())")
                            Button("Save the review").safeAttribute("type", "submit")
                        }
                        .safeAttribute("novalidate", "novalidate")
                    }
                }
                .class("break-glass")
            }
            if !reviewed.isEmpty {
                H2("Reviewed")
                List(reviewed) { record in
                    ListItem(
                        "\(names[record.openedBy] ?? "Someone") opened \(peerNames[record.peerID] ?? "a peer")'s record on \(DateText.day(record.openedAt)). "
                            + "\(BreakGlassForm.Outcome(rawValue: record.reviewOutcome ?? "")?.plainWords ?? "Reviewed") by \(names[record.reviewedBy ?? UUID()] ?? "a coordinator"): \(record.reviewNote ?? "")"
                    )
                }
            }
        }
    }
}
