import Fluent
import Foundation

enum InviteQueries {
    /// Invites in one organisation that can still be accepted, soonest to expire first.
    static func pending(in organisationID: UUID, on database: any Database, now: Date) async throws -> [Invite] {
        try await Invite.query(on: database)
            .filter(\.$organisation.$id == organisationID)
            .filter(\.$usedAt == nil)
            .filter(\.$withdrawnAt == nil)
            .filter(\.$expiresAt > now)
            .sort(\.$expiresAt)
            .all()
    }

    static func find(token: String, on database: any Database) async throws -> Invite? {
        guard token.count <= 128 else { return nil }
        return try await Invite.query(on: database).filter(\.$tokenHash == SecretToken.hash(token)).first()
    }
}
