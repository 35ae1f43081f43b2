import AlongsideDomain
import Fluent
import Vapor

/// A form sent after its writer's session ended is kept, not lost: held for them, and offered
/// again once they have signed in (`ResumeController`).
///
/// Only a form sent with the cookie of a session that has ended is held, and only for that
/// session's owner. The cookie is SameSite=Lax, so another site can't make a browser send it with
/// a form of its own, and someone else signing in on the same device never sees it.
enum FormHolding {
    static let cookieName = "alongside_held"

    /// Holds the form if it can, and sends the person to sign in, and back to it after.
    static func hold(_ request: Request, maxBodySize: Int) async throws -> Response {
        // Never back to where the form was going: that address only takes forms.
        let signIn = request.redirect(to: AppURL.signIn(next: nil).path, redirectType: .normal)
        guard let accountID = request.endedSessionAccount, request.headers.contentType == .urlEncodedForm,
            LocalPath.isSafe(request.url.path),
            let buffer = try await request.body.collect(max: maxBodySize).get(), buffer.readableBytes > 0,
            FormBody.problem(in: Array(buffer.readableBytesView)) == nil
        else { return signIn }
        let token = SecretToken.generate()
        let now = request.now
        try await HeldForm.query(on: request.db).filter(\.$expiresAt < now).delete()
        // One held form per person: the newest is what they were in the middle of.
        try await HeldForm.query(on: request.db).filter(\.$accountID == accountID).delete()
        try await HeldForm(
            tokenHash: SecretToken.hash(token), accountID: accountID, path: request.url.path, body: String(buffer: buffer), at: now
        ).create(on: request.db)
        let response = request.redirect(to: AppURL.signIn(next: AppURL.resume.path).path, redirectType: .normal)
        response.cookies[cookieName] = HTTPCookies.Value(
            string: token, maxAge: Int(HeldForm.lifetime), path: "/",
            isSecure: request.application.settings.sessions.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// The form held for this person in this browser, if it hasn't expired.
    static func held(for actor: Actor, request: Request) async throws -> HeldForm? {
        guard let token = request.cookies[cookieName]?.string, !token.isEmpty, token.count <= 128 else { return nil }
        return try await HeldForm.query(on: request.db).filter(\.$tokenHash == SecretToken.hash(token))
            .filter(\.$accountID == actor.accountID).filter(\.$expiresAt > request.now).first()
    }

    /// A form sent to where a held one was going has been saved: the held copy goes.
    static func release(after response: Response, request: Request) async throws -> Response {
        guard response.status.code < 400, let actor = request.signedIn?.actor,
            let held = try await held(for: actor, request: request), held.path == request.url.path
        else { return response }
        try await held.delete(on: request.db)
        response.cookies[cookieName] = SessionStore.expiredCookie(settings: request.application.settings.sessions)
        return response
    }
}
