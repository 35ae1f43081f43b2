import AlongsideDomain
import Fluent
import Foundation

/// A personal access token for the JSON API. Only the hash of its secret is kept, so a copy of
/// the database can't be used to call the API; the secret is shown once, when it is made.
final class AccessTokenRecord: Model, @unchecked Sendable {
    static let schema = "access_tokens"
    /// Tokens start with this, so a secret pasted somewhere it shouldn't be can be recognised.
    static let prefix = "alt_"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    /// `TokenScopes.stored`.
    @Field(key: "scopes") var scopes: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(actor: Actor, draft: AccessTokenDraft, tokenHash: String, at: Date) {
        organisationID = actor.organisationID
        accountID = actor.accountID
        name = draft.name
        self.tokenHash = tokenHash
        scopes = draft.scopes.stored
        createdAt = at
    }

    var tokenScopes: TokenScopes { TokenScopes(stored: scopes) }
}
