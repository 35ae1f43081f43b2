import AlongsideDomain
import Plot
import Vapor

enum CheckInView {
    static func render(
        _ viewer: Viewer, loaded: CheckInController.Loaded, items: MutualityItems, answers: [Respondent: CheckInRecord],
        respondent: Respondent, workerName: String, fields: [String: String], errors: FieldErrors, status: HTTPResponseStatus
    ) -> Response {
        let conversationID = loaded.conversation.id ?? UUID()
        let peerName = loaded.peer.preferredName
        let forPeer = loaded.viewerIsPeer
        let me = viewer.signedIn?.actor.accountID
        let workerWasThere = loaded.conversation.writtenBy == me
        let saved = viewer.query("saved")
        // A worker hands their device to the peer only for a conversation they were in.
        let answering = answers[respondent] == nil && (forPeer || workerWasThere)
        return viewer.page("Check-in", status: status) {
            H1("How was our conversation on \(DateText.day(loaded.conversation.occurredAt))?")
            if saved != nil { Paragraph("The check-in is saved. Thank you.").class("notice").safeAttribute("role", "status") }
            Paragraph(
                "A few questions you both answer, each for yourself. Only \(forPeer ? "you and \(workerName)" : "you and \(peerName)") see the answers; anyone else sees, at most, an average over many relationships."
            )
            .class("hint")
            Paragraph {
                if forPeer {
                    Link("Back to the note", url: AppURL.portalNote(conversationID).path)
                } else {
                    Link("Back to the conversation", url: AppURL.conversation(conversationID).path)
                }
            }
            // A worker who took the relationship over later doesn't read their colleague's answers here.
            for who in Respondent.allCases where forPeer || who == .peer || workerWasThere {
                if let record = answers[who] {
                    answered(
                        record,
                        title: who == .peer
                            ? (forPeer ? "Your answers" : "\(peerName)'s answers") : (forPeer ? "\(workerName)'s answers" : "Your answers"),
                        items: items)
                }
            }
            if answering {
                form(
                    viewer, id: conversationID, items: items, respondent: respondent, fields: fields, errors: errors,
                    heading: respondent == .peer && !forPeer ? "\(peerName)'s check-in, with them on this device" : "Your check-in")
            } else if let problem = errors["checkIn"] {
                Paragraph(problem).class("form-message").safeAttribute("role", "alert")
            } else if !forPeer, !workerWasThere {
                Paragraph("You weren't in this conversation, so there's nothing for you to check in on.").class("hint")
            }
            if !forPeer, workerWasThere, answers[.peer] == nil, respondent == .worker {
                Paragraph {
                    Link("\(peerName) is with me: let them answer on this device", url: AppURL.checkIn(conversationID).path + "?as=peer")
                }
            }
        }
    }

    private static func answered(_ record: CheckInRecord, title: String, items: MutualityItems) -> Component {
        let scores = record.answers.scores
        return Element(name: "section") {
            H2(title)
            Tag.dl {
                for item in items.items {
                    Tag.pair(item.wording, scores[item.key].map { "\($0) of 5: \(items.scale[$0 - 1])" } ?? "Not answered")
                }
                if !record.line.isEmpty { Tag.pair("In a line", record.line) }
            }
        }
        .class("check-in-answers")
    }

    private static func form(
        _ viewer: Viewer, id: UUID, items: MutualityItems, respondent: Respondent, fields: [String: String], errors: FieldErrors,
        heading: String
    ) -> Component {
        Element(name: "section") {
            H2(heading)
            ErrorSummary(
                errors: errors, fields: items.items.map { (CheckInAnswers.field($0), $0.wording) } + [("line", "In a line")])
            if let problem = errors["checkIn"] { Paragraph(problem).class("form-message").safeAttribute("role", "alert") }
            Form(url: AppURL.checkIn(id).path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                Input(type: .hidden, name: "respondent").safeAttribute("value", respondent.rawValue)
                for item in items.items {
                    RadioChoices(
                        legend: item.wording, name: CheckInAnswers.field(item),
                        options: items.scale.enumerated().map { (String($0.offset + 1), "\($0.offset + 1): \($0.element)") },
                        selected: fields[CheckInAnswers.field(item)], error: errors[CheckInAnswers.field(item)])
                }
                FormField(
                    label: "Anything else, in a line (optional)", name: "line", value: fields["line"] ?? "", error: errors["line"],
                    maxLength: CheckInAnswers.lineLimit)
                Button("Save the check-in").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
            .class("check-in-form")
        }
    }
}
