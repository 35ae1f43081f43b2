import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// A sign-in whose password was right, waiting for its second factor: a few minutes and a few
/// tries, in the database (any instance can finish it), known by a cookie holding a secret.
final class PendingSignIn: Model, @unchecked Sendable {
    static let schema = "pending_sign_ins"
    static let cookieName = "alongside_second"
    static let lifetime: TimeInterval = 5 * 60

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "next_path") var nextPath: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "attempts") var attempts: Int

    init() {}

    /// Starts the second step and answers with a redirect to it, carrying the cookie.
    static func begin(_ request: Request, account: Account, next: String) async throws -> Response {
        let token = SecretToken.generate()
        let pending = PendingSignIn()
        pending.accountID = try account.requireID()
        pending.organisationID = account.$organisation.id
        pending.tokenHash = SecretToken.hash(token)
        pending.nextPath = next
        pending.createdAt = request.now
        pending.expiresAt = request.now.addingTimeInterval(lifetime)
        pending.attempts = 0
        try await PendingSignIn.query(on: request.db).filter(\.$expiresAt < request.now).delete()
        try await pending.create(on: request.db)
        let response = request.redirect(to: AppURL.signInCode.path, redirectType: .normal)
        let settings = request.application.settings.sessions
        response.cookies[cookieName] = HTTPCookies.Value(
            string: token, maxAge: Int(lifetime), path: "/login", isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    static func find(_ request: Request) async throws -> PendingSignIn? {
        guard let token = request.cookies[cookieName]?.string, !token.isEmpty else { return nil }
        return try await PendingSignIn.query(on: request.db).filter(\.$tokenHash == SecretToken.hash(token))
            .filter(\.$expiresAt > request.now).first()
    }

    /// Counts a try before checking it, in one statement: a burst of guesses can't outrun the limit.
    func claimAttempt(on database: any Database) async throws -> Bool {
        let row = try await (database as! any SQLDatabase).raw(
            """
            UPDATE pending_sign_ins SET attempts = attempts + 1
            WHERE id = \(bind: try requireID()) AND attempts < \(bind: SecondFactorRules.attemptsPerSignIn)
            RETURNING attempts
            """
        ).first()
        return row != nil
    }
}
