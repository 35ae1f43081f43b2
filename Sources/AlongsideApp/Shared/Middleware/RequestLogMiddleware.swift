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
                metadata: Self.who(request) + [
                    "method": .string(request.method.rawValue), "path": .string(LogSafe.path(request)),
                    "status": .string(String(response.status.code)),
                    "ms": .string(
                        String(format: "%.1f", Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)),
                ])
            return response
        }
    }
}

extension RequestLogMiddleware {
    /// Who asked, by id only: their account and organisation (never a name or an email).
    static func who(_ request: Request) -> Logger.Metadata {
        guard let actor = request.signedIn?.actor else { return ["account": "none"] }
        return [
            "account": .string(actor.accountID.uuidString.lowercased()),
            "organisation": .string(actor.organisationID.uuidString.lowercased()),
        ]
    }
}

extension Logger.Metadata {
    fileprivate static func + (left: Self, right: Self) -> Self { left.merging(right) { $1 } }
}

enum CorrelationID {
    static func make() -> String {
        String((0..<12).map { _ in "abcdefghjkmnpqrstuvwxyz23456789".randomElement()! })
    }
}

enum LogSafe {
    /// Route parameters that are themselves a permission (an invite token, a calendar feed's
    /// secret). Any route reachable without signing in that takes a parameter must name it here:
    /// `RouteAccessTests` checks, so a new secret-bearing route can't start logging its secret.
    static let secretParameters: Set<String> = ["token", "feed"]

    /// The path as the route table names it, with secret parameters replaced, and never the query
    /// string. A path no route serves is logged by its first segment only: a mistyped link can
    /// still carry a secret.
    static func path(_ request: Request) -> String {
        guard let route = request.route else {
            let first = request.url.path.split(separator: "/", maxSplits: 1).first.map { String($0.prefix(32)) } ?? ""
            return "/" + first + (request.url.path.count > first.count + 1 ? "/…" : "")
        }
        let actual = request.url.path.split(separator: "/", omittingEmptySubsequences: true)
        var parts: [String] = []
        for (index, component) in route.path.enumerated() {
            switch component {
            case .constant(let text): parts.append(text)
            case .parameter(let name):
                parts.append(secretParameters.contains(name) ? "…" : (index < actual.count ? String(actual[index]) : ":" + name))
            case .anything, .catchall: parts.append("…")
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}

extension Request {
    private struct CorrelationKey: StorageKey { typealias Value = String }

    var correlationID: String {
        get { storage[CorrelationKey.self] ?? "none" }
        set { storage[CorrelationKey.self] = newValue }
    }
}
