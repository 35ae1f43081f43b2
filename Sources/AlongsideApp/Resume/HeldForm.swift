import Fluent
import Foundation

/// A form someone sent after their session had ended: kept for a while, so that once they have
/// signed in again nothing they typed is lost. Found only through the random token in the
/// browser that sent it; only its hash is stored.
final class HeldForm: Model, @unchecked Sendable {
    static let schema = "held_forms"
    /// Long enough to find a password or a colleague, short enough not to keep words lying around.
    static let lifetime: TimeInterval = 2 * 60 * 60

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    /// Whose session had ended: only they see it again, once signed in.
    @Field(key: "account_id") var accountID: UUID
    /// Where the form was going: a path on this site.
    @Field(key: "path") var path: String
    /// The form as it was sent, URL-encoded.
    @Sealed(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(tokenHash: String, accountID: UUID, path: String, body: String, at now: Date) {
        self.tokenHash = tokenHash
        self.accountID = accountID
        self.path = path
        self.body = body
        createdAt = now
        expiresAt = now.addingTimeInterval(Self.lifetime)
    }
}
