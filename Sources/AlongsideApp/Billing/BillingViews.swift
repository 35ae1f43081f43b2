import AlongsideDomain
import Plot
import Vapor

enum BillingViews {
    static func form(
        _ viewer: Viewer, note: Conversation, peer: Peer, status: BillingStatus, entries: [String: String], sign: Bool,
        credential: String, errors: FieldErrors, status httpStatus: HTTPResponseStatus = .ok
    ) -> Response {
        let id = note.id ?? UUID()
        let standard = status.standard
        let name = viewer.signedIn?.displayName ?? "you"
        return viewer.page("Billing record", status: httpStatus) {
            H1("Billing record for a conversation with \(peer.preferredName)")
            Paragraph(
                "\(standard.name). This record is for the payer. It is kept apart from the shared note, which stays in \(peer.preferredName)'s words."
            )
            .class("hint")
            Paragraph(status.summary).class(status.isComplete ? "notice" : "form-message")
            if let reason = status.record?.returnReason, let at = status.record?.returnedAt {
                Div {
                    H2("Sent back to you on \(DateText.long(at))")
                    Paragraph(reason).class("note-text")
                    Paragraph("Change what's needed, then sign the record again.").class("hint")
                }
                .class("changes-since")
            }
            Tag.dl {
                Tag.pair("Date and start", DateText.long(note.occurredAt))
                Tag.pair("Ends", DateText.long(note.occurredAt.addingTimeInterval(Double(note.minutes) * 60)))
                Tag.pair("Place", note.place.isEmpty ? "Not given: add it to the note" : note.place)
            }
            ErrorSummary(
                errors: errors, fields: standard.entryElements.map { ($0.key, $0.label) } + [("credential", "Your credential")])
            Form(url: AppURL.billing(id).path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                for element in standard.entryElements {
                    TextAreaField(
                        label: element.label, name: element.key, value: entries[element.key] ?? "", error: errors[element.key],
                        hint: element.help, maxLength: DocumentationStandard.entryLimit)
                }
                FormField(
                    label: "Your credential", name: "credential", value: credential, error: errors["credential"],
                    hint: "For example: Certified Peer Specialist.", maxLength: DocumentationStandard.credentialLimit)
                Div {
                    Input(type: .checkbox, name: "sign").id("sign").safeAttribute("checked", sign ? "checked" : nil)
                    Label("I, \(name), sign this record") {}.safeAttribute("for", "sign")
                }
                .class("choice")
                Button("Save the billing record").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
            Paragraph { Link("Back to the note", url: AppURL.conversation(id).path) }
        }
    }

    static func review(
        _ viewer: Viewer, note: Conversation, record: BillingRecord?, status: BillingStatus, names: [UUID: String], error: String?,
        reason: String = "", reasonError: String? = nil,
        status httpStatus: HTTPResponseStatus = .ok
    ) -> Response {
        let id = note.id ?? UUID()
        let entries = record?.entries ?? [:]
        return viewer.page("Billing record to sign off", status: httpStatus) {
            H1("Billing record by \(names[note.writtenBy] ?? "a peer worker")")
            if let error { Paragraph(error).class("form-message").safeAttribute("role", "alert") }
            Paragraph("\(status.standard.name): \(status.summary)").class("hint")
            Tag.dl {
                Tag.pair("Date and start", DateText.long(note.occurredAt))
                Tag.pair("Ends", DateText.long(note.occurredAt.addingTimeInterval(Double(note.minutes) * 60)))
                Tag.pair("Place", note.place.isEmpty ? "Not given" : note.place)
                for element in status.standard.entryElements {
                    Tag.pair(element.label, (entries[element.key] ?? "").isEmpty ? "Missing" : entries[element.key] ?? "")
                }
                Tag.pair(
                    "Signed",
                    record?.signedAt.map {
                        "By \(names[note.writtenBy] ?? "the peer worker"), \(record?.credential ?? ""), \(DateText.long($0))"
                    }
                        ?? "Not yet")
                if let at = record?.signedOffAt {
                    Tag.pair("Signed off", "By \(record?.signedOffBy.flatMap { names[$0] } ?? "a supervisor"), \(DateText.long(at))")
                }
            }
            if status.awaitsSignOff {
                let seen = record?.signedAt.map { String(Int($0.timeIntervalSince1970)) } ?? ""
                Form(url: AppURL.billingSignOff(id).path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    Input(type: .hidden, name: "signed").safeAttribute("value", seen)
                    Button("Sign off this record").safeAttribute("type", "submit")
                }
                H2("Or send it back")
                Form(url: AppURL.billingSendBack(id).path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    Input(type: .hidden, name: "signed").safeAttribute("value", seen)
                    TextAreaField(
                        label: "What needs changing", name: "reason", value: reason, error: reasonError,
                        hint: "They read this, change the record and sign it again.", maxLength: 500)
                    Button("Send it back").safeAttribute("type", "submit")
                }
                .safeAttribute("novalidate", "novalidate")
            }
            Paragraph { Link("Back to supervision", url: AppURL.supervision.path) }
        }
    }
}

/// On the conversation page: where the billing record stands, with the way to complete it.
struct BillingSection: Component {
    let status: BillingStatus?
    let conversationID: UUID
    let canDocument: Bool

    var body: Component {
        guard let status else { return EmptyComponent() }
        return Element(name: "section") {
            H2("Billing record")
            Paragraph(status.summary).class(status.isComplete ? "" : "form-message")
            if canDocument {
                Paragraph {
                    Link(
                        status.record == nil ? "Fill in the billing record" : "Change the billing record",
                        url: AppURL.billing(conversationID).path)
                }
            }
        }
        .class("billing")
    }
}
