import Fluent
import Foundation

/// One try at signing in, kept for throttling. Stored in the database so that several server
/// instances share one count.
final class LoginAttempt: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "address") var address: String
    @Field(key: "succeeded") var succeeded: Bool
    @Field(key: "attempted_at") var attemptedAt: Date

    init() {}

    init(email: String, address: String, succeeded: Bool, attemptedAt: Date) {
        self.email = email
        self.address = address
        self.succeeded = succeeded
        self.attemptedAt = attemptedAt
    }
}
