import AlongsideDomain
import Fluent
import Vapor

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
        let previousSignIn = try await AuditEntry.query(on: request.db)
            .filter(\.$organisationID == actor.organisationID)
            .filter(\.$actorID == actor.accountID)
            .filter(\.$action == Action.signIn.rawValue)
            .filter(\.$outcome == AuditRecord.Outcome.success.rawValue)
            .sort(\.$sequence, .descending)
            .offset(1)
            .first()
        var adminSummary: HomeView.AdminSummary?
        if actor.holds(.admin) {
            let accounts = try await AccountQueries.list(in: actor.organisationID, on: request.db)
            let pending = try await InviteQueries.pending(in: actor.organisationID, on: request.db, now: request.now)
            adminSummary = .init(
                activeAccounts: accounts.filter(\.isActive).count,
                deactivatedAccounts: accounts.filter { !$0.isActive }.count,
                pendingInvites: pending.count)
        }
        let waiting =
            actor.holds(.peerWorker)
            ? try await NoteResponseQueries.waiting(
                for: actor.accountID, in: actor.organisationID, commentsSince: request.now.addingTimeInterval(-14 * 86_400), on: request.db)
            : []
        let concerns =
            actor.holds(.peerWorker)
            ? try await ConcernQueries.open(forWorkers: [actor.accountID], in: actor.organisationID, on: request.db) : []
        return HomeView.render(
            request, previousSignIn: previousSignIn?.occurredAt, adminSummary: adminSummary, waiting: waiting, concerns: concerns)
    }
}
