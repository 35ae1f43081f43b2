import Fluent
import Foundation

/// A single-use link to choose a new password, sent by email. Only a hash of its secret is kept.
final class PasswordReset: Model, @unchecked Sendable {
    static let schema = "password_resets"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}

    /// Retires every link still waiting for an account: after a reset or a change of password,
    /// an older link found later (in a mailbox, a copy of the database) opens nothing.
    static func retireAll(for accountID: UUID, at now: Date, on database: any Database) async throws {
        try await PasswordReset.query(on: database).filter(\.$accountID == accountID).filter(\.$usedAt == nil)
            .set(\.$usedAt, to: now).update()
    }

    init(organisationID: UUID, accountID: UUID, tokenHash: String, at: Date, lifetime: TimeInterval) {
        self.organisationID = organisationID
        self.accountID = accountID
        self.tokenHash = tokenHash
        createdAt = at
        expiresAt = at.addingTimeInterval(lifetime)
    }
}
