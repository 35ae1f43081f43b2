import AlongsideDomain
import Fluent
import Foundation

/// A role that opens peers' records is never given quietly: every coordinator and admin of the
/// organisation is told who gave it to whom, so a second person always knows.
enum RoleAnnouncement {
    static func send(
        granted: Set<Role>, to name: String, by actor: Actor, at now: Date, on database: any Database, link: AppURL
    ) async throws {
        let opening = granted.filter(\.readsPeerRecords).sorted()
        guard !opening.isEmpty else { return }
        let giver = try await AccountQueries.names(of: [actor.accountID], in: actor.organisationID, on: database)[actor.accountID]
        let roles = opening.map(\.displayName).joined(separator: ", ")
        let watchers = try await AccountQueries.holders(of: [.coordinator, .admin], in: actor.organisationID, on: database)
        try await InboxNotification.send(
            to: watchers, in: actor.organisationID, kind: .roleGranted,
            message: "\(giver ?? "An admin") gave \(name) a role that reads peers' records: \(roles).", link: link, at: now,
            on: database)
    }
}
