import Vapor

/// Recognises the signed-in person from their session cookie, and clears a cookie that no
/// longer matches a live session. Requests without a cookie pass straight through.
struct SessionMiddleware: Middleware {
    let settings: SessionSettings

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // The API authenticates by token only (`AccessTokenMiddleware`): a cookie there opens nothing.
        guard !request.isAPI, let key = request.cookies[SessionStore.cookieName]?.string, !key.isEmpty else {
            return next.respond(to: request)
        }
        let lifetime = settings.lifetime
        return request.eventLoop.makeFutureWithTask { () -> SessionStore.Lookup in
            guard key.count <= 128 else { return .unknown }
            return try await SessionStore.lookup(key: key, on: request.db, reads: request.reads, lifetime: lifetime, now: request.now)
        }
        .flatMap { lookup in
            if case .ended(let accountID) = lookup { request.endedSessionAccount = accountID }
            if case .live(let session) = lookup {
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

extension Request {
    private struct EndedSessionKey: StorageKey { typealias Value = UUID }

    /// Whose session this browser's cookie belonged to, when that session has ended: a form it
    /// sends now is held for them (`FormHolding`), never for anyone else.
    var endedSessionAccount: UUID? {
        get { storage[EndedSessionKey.self] }
        set { storage[EndedSessionKey.self] = newValue }
    }
}
