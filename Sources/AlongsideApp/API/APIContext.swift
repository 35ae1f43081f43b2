import AlongsideDomain
import Vapor

/// The Vapor request an API call arrived on, for the generated handlers: they receive typed input
/// only, but the record door, the policy, the audit log and the stores all work from the request.
enum APIContext {
    @TaskLocal static var request: Request?

    static func current() throws -> Request {
        guard let request else { throw APIProblem(status: .internalServerError, title: "The API was called outside a request") }
        return request
    }
}

extension Request {
    /// Everything under `/api/` answers in JSON, authenticates by bearer token only and never by cookie.
    /// Read as the router reads a path, by its pieces, so `//api/v1/…` is the API too.
    var isAPI: Bool { url.path.split(separator: "/", omittingEmptySubsequences: true).first == "api" }
}

/// The last middleware before an API handler: hands the handler its request, in its person's
/// time zone, and writes each use of a token to the audit log with what it was used for.
struct APIRequestMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let zone = request.signedIn?.zone ?? .utc
        // API bodies are streamed to the generated decoder, which reads them whole with no limit:
        // the forms' limit is applied here, by length when it is given and while collecting
        // otherwise (a chunked upload), before the handler or its decoder reads any of it.
        let limit = request.application.settings.security.maxBodySize
        let tooLarge = APIProblem(
            status: .payloadTooLarge, title: "That body is too large",
            detail: "Bodies here are at most \(limit / 1024) KiB. Send less at once.")
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > limit { throw tooLarge }
        if ![.GET, .HEAD].contains(request.method) {
            do {
                _ = try await request.body.collect(max: limit).get()
            } catch let error as any AbortError where error.status == .payloadTooLarge {
                throw tooLarge
            }
        }
        do {
            let response = try await APIContext.$request.withValue(request) {
                try await LocalClock.$zone.withValue(zone) { try await next.respond(to: request) }
            }
            try await auditUse(request, status: response.status)
            return response
        } catch {
            try? await auditUse(request, status: APIProblem.status(of: error))
            throw error
        }
    }

    private func auditUse(_ request: Request, status: HTTPResponseStatus) async throws {
        guard let session = request.signedIn, let route = request.route else { return }
        try await request.audit.record(
            request, action: route.action?.rawValue ?? "api", target: "accessToken", targetID: session.sessionID.uuidString,
            outcome: status.code < 400 ? .success : .denied,
            detail: "\(request.method.rawValue) \(route.path.map(\.description).joined(separator: "/")) answered \(status.code)")
    }
}

/// Recognises the person behind a bearer token on API calls. Cookies are never read there, so a
/// page in someone's browser can't make API calls with their session.
struct AccessTokenMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.isAPI else { return try await next.respond(to: request) }
        request.signedIn = nil
        if let authorization = request.headers.first(name: .authorization) {
            guard let token = request.headers.bearerAuthorization?.token,
                let session = try await AccessTokenStore.session(for: token, on: request.db, now: request.now)
            else {
                throw APIProblem.unauthorized("This token is unknown or revoked, or its person's account is closed.", sent: authorization)
            }
            request.signedIn = session
            request.logger[metadataKey: "account"] = .string(session.actor.accountID.uuidString)
        }
        return try await next.respond(to: request)
    }
}
