import Fluent
import Foundation

/// A signed-in browser. Only the hash of the cookie's key is kept.
final class StoredSession: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Parent(key: "account_id") var account: Account
    @Field(key: "key_hash") var keyHash: String
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date

    init() {}

    init(organisationID: UUID, accountID: UUID, keyHash: String, csrfToken: String, now: Date) {
        self.organisationID = organisationID
        self.$account.id = accountID
        self.keyHash = keyHash
        self.csrfToken = csrfToken
        self.createdAt = now
        self.lastSeenAt = now
    }
}
