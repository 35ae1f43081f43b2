import Vapor

/// Gives each request a correlation id (shown on error pages, so a person can quote it) and logs
/// one line per request. Only the path is logged: query strings and bodies can hold secrets.
struct RequestLogMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let correlationID = CorrelationID.make()
        request.correlationID = correlationID
        request.logger[metadataKey: "correlation"] = .string(correlationID)
        let started = ContinuousClock.now
        return next.respond(to: request).map { response in
            let elapsed = ContinuousClock.now - started
            request.logger.info(
                "\(request.method) \(LogSafe.path(request)) \(response.status.code)",
                metadata: [
                    "ms": .string(
                        String(format: "%.1f", Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000))
                ])
            return response
        }
    }
}

enum CorrelationID {
    static func make() -> String {
        String((0..<12).map { _ in "abcdefghjkmnpqrstuvwxyz23456789".randomElement()! })
    }
}

enum LogSafe {
    /// The path with secrets in it (invite tokens) replaced, and never the query string.
    static func path(_ request: Request) -> String {
        let path = request.url.path
        if path.hasPrefix("/invite/") { return "/invite/…" }
        return path
    }
}

extension Request {
    private struct CorrelationKey: StorageKey { typealias Value = String }

    var correlationID: String {
        get { storage[CorrelationKey.self] ?? "none" }
        set { storage[CorrelationKey.self] = newValue }
    }
}
