import AlongsideDomain
import Plot
import Vapor

/// Each role's landing page: the work waiting for them, not a list of what they may do.
enum HomeView {
    enum Work {
        case today(Today)
        case service(Service)
        case supervision([Supervisee])
        case accounts(Accounts)
        case journey(PeerJourney?)
        case nothingYet
    }

    struct Today {
        let now: Date
        let plannedToday: [LandingQueries.Planned]
        let plannedThisWeek: [LandingQueries.Planned]
        let waiting: [NoteResponseQueries.Waiting]
        let concerns: [ConcernQueries.Open]
        let caseload: [CaseloadQueries.Row]
        let quietDays: Int
    }

    struct Service {
        let stages: [Stage: Int]
        let waitingHandovers: [LandingQueries.WaitingHandover]
        let quiet: [CaseloadQueries.Row]
        let quietCount: Int
        let quietDays: Int
        let counts: ConcernQueries.Counts
        let now: Date
        var referralsWaiting = 0
        var reviewsWaiting = 0
        var reviewsOverdue = 0
    }

    struct Supervisee {
        let name: String
        let brought: Int
        let awaitingSignOff: Int
        let escalations: Int
        let openConcerns: Int
    }

    struct Accounts {
        let active: Int
        let deactivated: Int
        let pendingInvites: [Invite]
    }

    struct PeerJourney {
        let relationshipID: UUID
        let workerName: String
        let stage: Stage
        let next: Date?
    }

    static func render(_ viewer: Viewer, role: Role?, work: Work, previousSignIn: Date?) -> Response {
        let session = viewer.signedIn!
        return viewer.page("Home") {
            H1("Hello, \(session.displayName)")
            RoleSwitcher(current: role, choices: Landing.choices(holding: session.actor.roles), csrfToken: session.csrfToken)
            switch work {
            case .today(let today): TodaySection(today: today, csrfToken: session.csrfToken)
            case .service(let service): ServiceSection(service: service)
            case .supervision(let supervisees): SupervisionSection(supervisees: supervisees)
            case .accounts(let accounts): AccountsSection(accounts: accounts)
            case .journey(let journey): JourneySection(journey: journey)
            case .nothingYet:
                Paragraph(
                    "You're signed in to \(session.organisationName). Nothing has been shared with you yet: when a peer agrees to share part of their record with you, it will be here."
                )
            }
            if let previousSignIn {
                Paragraph(
                    "Your previous sign-in was \(DateText.long(previousSignIn)). If that wasn't you, change your password and tell your admin."
                )
                .class("hint")
            }
        }
    }
}

/// One tap between the roles a person holds; the choice is remembered for next time.
struct RoleSwitcher: Component {
    let current: Role?
    let choices: [Role]
    let csrfToken: String

    var body: Component {
        if choices.count < 2 { return EmptyComponent() }
        return Form(url: AppURL.landingRole.path, method: .post) {
            CSRFField(token: csrfToken)
            Paragraph("Show my work as:").class("hint")
            Div {
                for role in choices {
                    if role == current {
                        Button(role.displayName).class("role-choice current").safeAttribute("type", "submit")
                            .safeAttribute("name", "role").safeAttribute("value", role.rawValue).safeAttribute("aria-pressed", "true")
                    } else {
                        Button(role.displayName).class("role-choice").safeAttribute("type", "submit")
                            .safeAttribute("name", "role").safeAttribute("value", role.rawValue).safeAttribute("aria-pressed", "false")
                    }
                }
            }
            .class("role-choices")
        }
        .class("role-switcher")
        .safeAttribute("aria-label", "Choose which work to show")
    }
}

/// A peer worker's day: who they are meeting, what is waiting, then everyone they walk alongside.
struct TodaySection: Component {
    let today: HomeView.Today
    let csrfToken: String

    var body: Component {
        ComponentGroup {
            H2("Today, \(DateText.day(today.now))")
            if today.plannedToday.isEmpty {
                Paragraph("No conversations planned for today.")
            } else {
                PlannedList(items: today.plannedToday, showDay: false)
            }
            H2("Later this week")
            if today.plannedThisWeek.isEmpty {
                Paragraph("Nothing planned for the rest of the week.")
            } else {
                PlannedList(items: today.plannedThisWeek, showDay: true)
            }
            if !today.concerns.isEmpty {
                H2("Concern conversations to come back to")
                List(today.concerns) { concern in
                    ListItem {
                        Link("\(concern.peerName), from \(DateText.day(concern.openedAt))", url: AppURL.concern(concern.id).path)
                        if concern.followUpWaiting, let due = concern.followUpDue {
                            if due < today.now {
                                Tag.strong(" · the follow-up was due \(DateText.long(due)): it's still waiting for you")
                            } else {
                                Text(" · escalated: follow up by \(DateText.long(due))")
                            }
                        }
                        let todayAsPlanDate = PlanDate.startOfDay(today.now)
                        if concern.talkAgainOn < todayAsPlanDate {
                            Text(" · you planned to talk again on \(DateText.calendarDay(concern.talkAgainOn)): when you can")
                        } else {
                            Text(" · talking again \(DateText.calendarDay(concern.talkAgainOn))")
                        }
                    }
                }
                .class("waiting")
            }
            if !today.waiting.isEmpty {
                H2("Peers have written to you")
                List(today.waiting) { item in
                    ListItem {
                        Link(
                            item.kind == .correction
                                ? "\(item.peerName) asked for a change to a note" : "\(item.peerName) commented on a note",
                            url: AppURL.conversation(item.conversationID).path)
                        Text(" (\(DateText.long(item.writtenAt)))")
                        if item.kind == .comment {
                            Form(url: AppURL.dismissResponse(conversation: item.conversationID, response: item.id).path, method: .post) {
                                CSRFField(token: csrfToken)
                                Button("Put aside").class("link-button").safeAttribute("type", "submit")
                                    .safeAttribute(
                                        "aria-label", "Put aside \(item.peerName)'s comment from \(DateText.long(item.writtenAt))")
                            }
                            .class("inline")
                        }
                    }
                }
                .class("waiting")
            }
            H2("Everyone you walk alongside")
            if today.caseload.isEmpty {
                Paragraph {
                    Text("No relationships yet. ")
                    Link("Add a peer", url: AppURL.newPeer.path)
                }
            } else {
                CaseloadTable(
                    rows: today.caseload, now: today.now, peer: .linkedName, showWorker: false,
                    caption: "Longest without a conversation first", quietDays: today.quietDays, writeNote: true)
            }
        }
    }
}

struct PlannedList: Component {
    let items: [LandingQueries.Planned]
    let showDay: Bool

    var body: Component {
        List(items) { item in
            ListItem {
                Tag.strong(showDay ? DateText.long(item.startsAt) : DateText.time(item.startsAt))
                Text(" · ")
                Link(item.peerName, url: AppURL.relationship(item.relationshipID).path)
                Text(" · \(item.minutes) minutes\(item.place.isEmpty ? "" : ", \(item.place)")")
            }
        }
        .class("planned-list")
    }
}

/// A coordinator's overview: where relationships stand, who is waiting, what has gone quiet.
struct ServiceSection: Component {
    let service: HomeView.Service

    var body: Component {
        ComponentGroup {
            if service.referralsWaiting > 0 || service.reviewsWaiting > 0 {
                H2("Waiting for you")
                List {
                    if service.referralsWaiting > 0 {
                        ListItem {
                            Link(
                                "\(service.referralsWaiting) referral\(service.referralsWaiting == 1 ? "" : "s") from partner clinicians",
                                url: AppURL.referrals.path)
                        }
                    }
                    if service.reviewsWaiting > 0 {
                        ListItem {
                            Link(
                                "\(service.reviewsWaiting) emergency opening\(service.reviewsWaiting == 1 ? "" : "s") to review"
                                    + (service.reviewsOverdue > 0 ? ", \(service.reviewsOverdue) overdue" : ""),
                                url: AppURL.breakGlassReviews.path)
                        }
                    }
                }
                .class("waiting")
            }
            H2("Relationships by stage")
            Tag.dl {
                for stage in Stage.allCases {
                    Element(name: "dt") { Link(stage.displayName, url: AppURL.serviceRelationships(stage: stage.rawValue).path) }
                    Element(name: "dd") { Text(String(service.stages[stage] ?? 0)) }
                }
            }
            .class("stage-counts")
            H2("Waiting to be handed over")
            if service.waitingHandovers.isEmpty {
                Paragraph("Nobody is waiting: every open relationship has a peer worker who is still here.")
            } else {
                List(service.waitingHandovers) { waiting in
                    ListItem {
                        Link(
                            "\(waiting.relationships) relationship\(waiting.relationships == 1 ? "" : "s") with \(waiting.workerName), who has left",
                            url: AppURL.bulkHandover(waiting.workerID).path)
                    }
                }
                .class("waiting")
            }
            H2("Quiet for \(service.quietDays) days or more")
            if service.quiet.isEmpty {
                Paragraph("No relationship has gone quiet.")
            } else {
                CaseloadTable(
                    rows: service.quiet, now: service.now, peer: .linkedName, showWorker: true,
                    caption: service.quietCount > service.quiet.count
                        ? "The \(service.quiet.count) quiet longest" : "Quiet relationships", quietDays: service.quietDays)
                Paragraph {
                    Link(
                        "Every relationship, longest without a conversation first",
                        url: AppURL.serviceRelationships(stage: nil, sort: "quiet").path)
                }
            }
            H2("Plans, check-ins and concerns")
            Paragraph("Counts only: what is written in them stays with each peer and their worker.").class("hint")
            Tag.dl {
                Tag.pair("Safety plans", "\(service.counts.safetyPlans), of which \(service.counts.agreedSafetyPlans) agreed by the peer")
                Tag.pair(
                    "Open concern conversations",
                    "\(service.counts.openConcerns), of which \(service.counts.escalatedOpenConcerns) escalated")
            }
            .class("service-counts")
        }
    }
}

struct SupervisionSection: Component {
    let supervisees: [HomeView.Supervisee]

    var body: Component {
        ComponentGroup {
            H2("The peer workers you supervise")
            if supervisees.isEmpty {
                Paragraph("Nobody is linked to you for supervision yet. A coordinator links peer workers to their supervisor.")
            } else {
                List(supervisees) { person in
                    ListItem {
                        Tag.strong(person.name)
                        let waiting = [
                            person.brought > 0
                                ? "\(person.brought) reflection\(person.brought == 1 ? "" : "s") brought to supervision" : nil,
                            person.awaitingSignOff > 0
                                ? "\(person.awaitingSignOff) billing record\(person.awaitingSignOff == 1 ? "" : "s") to sign off" : nil,
                            person.escalations > 0
                                ? "\(person.escalations) escalated concern\(person.escalations == 1 ? "" : "s") to follow up" : nil,
                            person.openConcerns > 0
                                ? "\(person.openConcerns) open concern conversation\(person.openConcerns == 1 ? "" : "s")" : nil,
                        ].compactMap { $0 }
                        Text(waiting.isEmpty ? ": nothing waiting" : ": " + waiting.joined(separator: "; "))
                    }
                }
                .class("waiting")
            }
            Paragraph { Link("Open supervision", url: AppURL.supervision.path).class("button") }
        }
    }
}

struct AccountsSection: Component {
    let accounts: HomeView.Accounts

    var body: Component {
        ComponentGroup {
            H2("Accounts at a glance")
            Tag.dl {
                Tag.pair("Active accounts", String(accounts.active))
                Tag.pair("Deactivated accounts", String(accounts.deactivated))
                Tag.pair("Invites waiting to be accepted", String(accounts.pendingInvites.count))
            }
            if !accounts.pendingInvites.isEmpty {
                H2("Invites waiting")
                List(accounts.pendingInvites.prefix(20)) { invite in
                    ListItem {
                        Text("\(invite.displayName) (\(invite.email)), until \(DateText.long(invite.expiresAt))")
                    }
                }
            }
            Paragraph {
                Link("Manage accounts and invites", url: AppURL.accounts.path).class("button")
                Text(" ")
                Link("Invite someone", url: AppURL.newInvite.path)
            }
        }
    }
}

/// A peer's own landing: their journey, with their plans one tap away.
struct JourneySection: Component {
    let journey: HomeView.PeerJourney?

    var body: Component {
        guard let journey else {
            return Paragraph("Your record isn't linked to this sign-in yet. Your peer worker can send you a link to join it.")
        }
        return ComponentGroup {
            Paragraph {
                Text("You and \(journey.workerName) are at ")
                Tag.strong(journey.stage.displayName)
                Text(".")
                if let next = journey.next { Text(" You plan to talk next on \(DateText.long(next)).") }
            }
            Div {
                Link("Your safety plan", url: AppURL.safetyPlan(journey.relationshipID).path).class("button")
                Link("Your moving-towards plan", url: AppURL.towardsPlan(journey.relationshipID).path).class("button")
                Link("Your journey and our notes", url: AppURL.portal.path).class("button secondary")
            }
            .class("actions")
        }
    }
}
