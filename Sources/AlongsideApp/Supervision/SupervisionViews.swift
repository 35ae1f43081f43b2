import AlongsideDomain
import Plot
import Vapor

enum SupervisionViews {
    static func overview(_ request: Request, supervisees: [SupervisionController.Supervisee], signedOff: Bool = false, quietDays: Int)
        -> Response
    {
        let now = request.now
        return request.page("Supervision") {
            H1("Supervision")
            if signedOff { Paragraph("The billing record is signed off.").class("notice").attribute(named: "role", value: "status") }
            Paragraph(
                "Where your supervisees' relationships stand, and the reflections they have chosen to bring to supervision. Peers appear as initials; their shared notes stay between them and their worker."
            )
            .class("hint")
            if supervisees.isEmpty {
                Paragraph("Nobody is linked to you for supervision yet. A coordinator arranges who supervises whom.")
            }
            for supervisee in supervisees {
                Element(name: "section") {
                    H2(supervisee.name)
                    if supervisee.caseload.isEmpty {
                        Paragraph("No relationships right now.")
                    } else {
                        CaseloadTable(
                            rows: supervisee.caseload, now: now, peer: .initials, showWorker: false,
                            caption: "\(supervisee.name)'s relationships", quietDays: quietDays)
                    }
                    if !supervisee.awaitingSignOff.isEmpty {
                        H3("Billing records to sign off")
                        List(supervisee.awaitingSignOff) { item in
                            ListItem {
                                Link(
                                    "Conversation on \(DateText.long(item.occurredAt))",
                                    url: AppURL.billingSignOff(item.conversationID).path)
                            }
                        }
                    }
                    H3("Brought to supervision")
                    if supervisee.brought.isEmpty {
                        Paragraph("Nothing brought yet.")
                    } else {
                        List(supervisee.brought) { item in
                            ListItem {
                                Link(
                                    "Conversation with \(item.peerInitials), \(DateText.long(item.occurredAt))",
                                    url: AppURL.supervisionReflection(item.conversationID).path)
                            }
                        }
                    }
                }
                .class("supervisee")
            }
        }
    }

    static func reflection(_ request: Request, note: Conversation, workerName: String, peerInitials: String) -> Response {
        let guide = request.application.languageGuide
        return request.page("Brought to supervision") {
            H1("\(workerName)'s reflection")
            Tag.dl {
                Tag.pair("Conversation with", peerInitials)
                Tag.pair("When", DateText.long(note.occurredAt))
                Tag.pair("How", ConversationMode(rawValue: note.mode)?.displayName ?? note.mode)
                Tag.pair("How long", "\(note.minutes) minutes")
            }
            ConversationViews.section("Their reflection", note.privateReflection, guide: guide)
            ConversationViews.section("What they shared from their own lived experience", note.livedExperience, guide: guide)
            for task in IPSTask.allCases where !note.reflection(task).isEmpty {
                ConversationViews.section(task.displayName, note.reflection(task), guide: guide)
            }
            Paragraph { Link("Back to supervision", url: AppURL.supervision.path) }
        }
    }
}
