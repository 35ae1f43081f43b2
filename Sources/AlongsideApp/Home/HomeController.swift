import AlongsideDomain
import Fluent
import Vapor

/// Where people land: each role's own work, and a one-tap switch for those who hold several.
enum HomeController {
    /// `/`: first run goes to setup, signed-in people to their home, everyone else to sign-in.
    static func frontDoor(_ request: Request) async throws -> Response {
        if request.signedIn != nil { return request.redirect(to: AppURL.home.path, redirectType: .normal) }
        if try await !AccountQueries.anyAdminExists(on: request.db) {
            return request.redirect(to: AppURL.setup.path, redirectType: .normal)
        }
        return request.redirect(to: AppURL.signIn(next: nil).path, redirectType: .normal)
    }

    static func show(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let session = request.signedIn!
        let role = Landing.role(holding: actor.roles, chosen: session.landingRole)
        let previousSignIn = try await AuditEntry.query(on: request.db)
            .filter(\.$organisationID == actor.organisationID)
            .filter(\.$actorID == actor.accountID)
            .filter(\.$action == Action.signIn.rawValue)
            .filter(\.$outcome == AuditRecord.Outcome.success.rawValue)
            .sort(\.$sequence, .descending)
            .offset(1)
            .first()
        let work: HomeView.Work
        switch role {
        case .peerWorker: work = .today(try await today(actor, request))
        case .coordinator: work = .service(try await service(actor, request))
        case .supervisor: work = .supervision(try await supervision(actor, request))
        case .admin: work = .accounts(try await accounts(actor, request))
        case .peer: work = .journey(try await journey(actor, request))
        case .clinician, .evaluator, nil: work = .nothingYet
        }
        return HomeView.render(request.viewer, role: role, work: work, previousSignIn: previousSignIn?.occurredAt)
    }

    /// Remembers which role's work to land on, among the roles the person holds.
    static func chooseRole(_ request: Request) async throws -> Response {
        struct Form: Content { var role: String? }
        let actor = try request.requireActor()
        guard let role = (try? request.content.decode(Form.self))?.role.flatMap(Role.init(rawValue:)), actor.holds(role),
            let account = try await AccountQueries.find(actor.accountID, in: actor.organisationID, on: request.db)
        else {
            return request.redirect(to: AppURL.home.path, redirectType: .normal)
        }
        account.landingRole = role.rawValue
        try await request.db.transaction { db in
            try await account.save(on: db)
            try await request.audit(on: db).record(
                request, action: Action.chooseLanding.rawValue, target: "account", targetID: actor.accountID.uuidString,
                outcome: .success, detail: "lands on \(role.rawValue)")
        }
        return request.redirect(to: AppURL.home.path, redirectType: .normal)
    }

    private static func today(_ actor: Actor, _ request: Request) async throws -> HomeView.Today {
        let now = request.now
        let zone = LocalClock.zone
        let today = zone.dayNumber(now)
        let tomorrow = zone.startOfDay(today + 1)
        let weekEnd = zone.startOfDay(today + 8)
        let planned = try await LandingQueries.planned(
            forWorker: actor.accountID, in: actor.organisationID, from: zone.startOfDay(today), to: weekEnd, on: request.db)
        return HomeView.Today(
            now: now,
            plannedToday: planned.filter { $0.startsAt < tomorrow },
            plannedThisWeek: planned.filter { $0.startsAt >= tomorrow },
            waiting: try await NoteResponseQueries.waiting(
                for: actor.accountID, in: actor.organisationID, commentsSince: now.addingTimeInterval(-14 * 86_400), on: request.db),
            concerns: try await ConcernQueries.open(forWorkers: [actor.accountID], in: actor.organisationID, on: request.db),
            caseload: try await CaseloadQueries.caseload(
                of: actor.accountID, in: actor.organisationID, stage: nil, sortedBy: .quiet, now: now, on: request.db),
            quietDays: request.signedIn?.quietDays ?? GentleFlag.defaultQuietDays)
    }

    private static func service(_ actor: Actor, _ request: Request) async throws -> HomeView.Service {
        let quietDays = request.signedIn?.quietDays ?? GentleFlag.defaultQuietDays
        let longestQuiet = try await CaseloadQueries.caseload(
            of: nil, in: actor.organisationID, stage: nil, sortedBy: .quiet, page: .init(number: 1), now: request.now, on: request.db)
        let quiet = longestQuiet.filter {
            GentleFlag.flags(stage: $0.stage, lastContact: $0.lastConversation, began: $0.startedAt, now: request.now, quietDays: quietDays)
                .contains { if case .quiet = $0 { true } else { false } }
        }
        let reviews = try await BreakGlassRecord.query(on: request.db).filter(\.$organisationID == actor.organisationID)
            .filter(\.$reviewedAt == nil).all()
        return HomeView.Service(
            stages: try await LandingQueries.stageCounts(in: actor.organisationID, on: request.db),
            waitingHandovers: try await LandingQueries.waitingHandovers(in: actor.organisationID, on: request.db),
            quiet: Array(quiet.prefix(10)), quietCount: quiet.count, quietDays: quietDays,
            counts: try await ConcernQueries.counts(in: actor.organisationID, on: request.db), now: request.now,
            referralsWaiting: try await Referral.query(on: request.db).filter(\.$organisationID == actor.organisationID)
                .filter(\.$status == Referral.Status.waiting.rawValue).count(),
            reviewsWaiting: reviews.count, reviewsOverdue: reviews.filter { $0.reviewDueAt < request.now }.count)
    }

    private static func supervision(_ actor: Actor, _ request: Request) async throws -> [HomeView.Supervisee] {
        let workers = try await SupervisionQueries.supervisees(of: actor.accountID, in: actor.organisationID, on: request.db)
        let names = try await AccountQueries.names(of: workers, in: actor.organisationID, on: request.db)
        let brought = try await SupervisionQueries.broughtToSupervision(by: workers, in: actor.organisationID, on: request.db)
        let awaiting = try await BillingQueries.awaitingSignOff(by: workers, in: actor.organisationID, on: request.db)
        let concerns = try await ConcernQueries.open(forWorkers: workers, in: actor.organisationID, on: request.db)
        return workers.map { id in
            HomeView.Supervisee(
                name: names[id] ?? "A peer worker", brought: brought.filter { $0.workerID == id }.count,
                awaitingSignOff: awaiting.filter { $0.workerID == id }.count,
                escalations: concerns.filter { $0.workerID == id && $0.followUpWaiting }.count,
                openConcerns: concerns.filter { $0.workerID == id }.count)
        }
        .sorted { $0.name < $1.name }
    }

    private static func accounts(_ actor: Actor, _ request: Request) async throws -> HomeView.Accounts {
        let accounts = try await AccountQueries.list(in: actor.organisationID, on: request.db)
        return HomeView.Accounts(
            active: accounts.filter(\.isActive).count, deactivated: accounts.filter { !$0.isActive }.count,
            pendingInvites: try await InviteQueries.pending(in: actor.organisationID, on: request.db, now: request.now))
    }

    private static func journey(_ actor: Actor, _ request: Request) async throws -> HomeView.PeerJourney? {
        guard let peer = try await PortalQueries.peer(of: actor.accountID, in: actor.organisationID, on: request.db),
            let relationship = try await Relationship.query(on: request.db)
                .filter(\.$peerID == peer.requireID()).filter(\.$organisationID == actor.organisationID)
                .sort(\.$startedAt, .descending).first()
        else { return nil }
        let names = try await AccountQueries.names(of: [relationship.workerID], in: actor.organisationID, on: request.db)
        return HomeView.PeerJourney(
            relationshipID: try relationship.requireID(), workerName: names[relationship.workerID] ?? "your peer worker",
            stage: try await JourneyStore.transitions(of: relationship, on: request.db).last.flatMap { Stage(rawValue: $0.toStage) }
                ?? .safePlace,
            next: try await PlanningQueries.upcoming(for: relationship, now: request.now, on: request.db).first?.startsAt)
    }
}
