import Vapor

/// Recognises the signed-in person from their session cookie, and clears a cookie that no
/// longer matches a live session.
struct SessionMiddleware: AsyncMiddleware {
    let settings: SessionSettings

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var staleCookie = false
        if let key = request.cookies[SessionStore.cookieName]?.string, !key.isEmpty {
            if key.count <= 128,
                let session = try await SessionStore.find(key: key, on: request.db, lifetime: settings.lifetime, now: request.now)
            {
                request.signedIn = session
                request.logger[metadataKey: "account"] = .string(session.actor.accountID.uuidString)
            } else {
                staleCookie = true
            }
        }
        let response = try await next.respond(to: request)
        if staleCookie, response.cookies[SessionStore.cookieName] == nil {
            response.cookies[SessionStore.cookieName] = SessionStore.expiredCookie(settings: settings)
        }
        return response
    }
}
