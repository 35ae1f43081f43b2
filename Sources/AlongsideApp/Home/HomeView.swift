import AlongsideDomain
import Plot
import Vapor

enum HomeView {
    struct AdminSummary {
        let activeAccounts: Int
        let deactivatedAccounts: Int
        let pendingInvites: Int
    }

    static func render(
        _ request: Request, previousSignIn: Date?, adminSummary: AdminSummary?, waiting: [NoteResponseQueries.Waiting] = [],
        concerns: [ConcernQueries.Open] = []
    ) -> Response {
        let session = request.signedIn!
        let roles = session.actor.roles.sorted()
        return request.page("Home") {
            H1("Hello, \(session.displayName)")
            Paragraph {
                Text("You're signed in to \(session.organisationName) as ")
                Tag.strong(roles.map(\.displayName).joined(separator: ", "))
                Text(".")
            }
            if let previousSignIn {
                Paragraph(
                    "Your previous sign-in was \(DateText.long(previousSignIn)). If that wasn't you, change your password and tell your admin."
                )
                .class("hint")
            }
            if !waiting.isEmpty {
                H2("Peers have written to you")
                List(waiting) { item in
                    ListItem {
                        Link(
                            item.kind == .correction
                                ? "\(item.peerName) asked for a change to a note" : "\(item.peerName) commented on a note",
                            url: AppURL.conversation(item.conversationID).path)
                        Text(" (\(DateText.long(item.writtenAt)))")
                    }
                }
                .class("waiting")
            }
            if !concerns.isEmpty {
                H2("Concern conversations to come back to")
                List(concerns) { concern in
                    ListItem {
                        Link("\(concern.peerName), from \(DateText.day(concern.openedAt))", url: AppURL.concern(concern.id).path)
                        if concern.followUpWaiting, let due = concern.followUpDue {
                            Tag.strong(" · escalated: follow-up due by \(DateText.long(due))")
                        }
                        Text(" · talking again \(DateText.day(concern.talkAgainOn))")
                    }
                }
                .class("waiting")
            }
            if session.actor.holds(.peer) {
                Paragraph { Link("Read your journey and our notes", url: AppURL.portal.path).class("button") }
            }
            H2("Your roles here")
            List(roles) { role in
                ListItem {
                    Tag.strong(role.displayName)
                    Text(": \(role.summary)")
                }
            }
            if let adminSummary {
                H2("Accounts at a glance")
                Tag.dl {
                    Tag.pair("Active accounts", String(adminSummary.activeAccounts))
                    Tag.pair("Deactivated accounts", String(adminSummary.deactivatedAccounts))
                    Tag.pair("Invites waiting to be accepted", String(adminSummary.pendingInvites))
                }
                Paragraph {
                    Link("Manage accounts and invites", url: AppURL.accounts.path)
                }
            }
        }
    }
}

/// Dates as people read them, in one format everywhere (UTC until organisations have a time zone).
enum DateText {
    static func long(_ date: Date) -> String { CivilTime(date).longText }

    /// Just the day, as a peer would say it: "Tuesday 24 November 2026".
    static func day(_ date: Date) -> String { CivilTime(date).dayText }
}
