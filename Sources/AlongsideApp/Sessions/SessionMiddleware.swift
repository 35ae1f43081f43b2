import Vapor

/// Recognises the signed-in person from their session cookie, and clears a cookie that no
/// longer matches a live session. Requests without a cookie pass straight through.
struct SessionMiddleware: Middleware {
    let settings: SessionSettings

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let key = request.cookies[SessionStore.cookieName]?.string, !key.isEmpty else {
            return next.respond(to: request)
        }
        let lifetime = settings.lifetime
        return request.eventLoop.makeFutureWithTask { () -> SignedInSession? in
            guard key.count <= 128 else { return nil }
            return try await SessionStore.find(key: key, on: request.db, lifetime: lifetime, now: request.now)
        }
        .flatMap { session in
            if let session {
                request.signedIn = session
                request.logger[metadataKey: "account"] = .string(session.actor.accountID.uuidString)
                return next.respond(to: request)
            }
            return next.respond(to: request).map { response in
                if response.cookies[SessionStore.cookieName] == nil {
                    response.cookies[SessionStore.cookieName] = SessionStore.expiredCookie(settings: settings)
                }
                return response
            }
        }
    }
}
