import Fluent
import Foundation

/// A worker's private calendar address. Only the hash of its secret is kept; revoking it makes
/// the address stop working at once.
final class CalendarFeedRecord: Model, @unchecked Sendable {
    static let schema = "calendar_feeds"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(organisationID: UUID, accountID: UUID, tokenHash: String, createdAt: Date) {
        self.organisationID = organisationID
        self.accountID = accountID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
    }
}
