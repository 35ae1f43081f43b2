import AlongsideDomain
import Foundation
import OpenAPIRuntime
import Vapor

/// An API error as RFC 9457 problem details. Like `PageError`, its words are written for the
/// person reading them; anything else that goes wrong is answered with a generic title.
struct APIProblem: Error, Sendable {
    let status: HTTPResponseStatus
    let title: String
    var detail: String?
    var fields: FieldErrors = FieldErrors()
    var headers: HTTPHeaders = [:]

    static func unauthorized(_ detail: String, sent: String? = nil) -> APIProblem {
        var headers = HTTPHeaders()
        headers.add(name: .wwwAuthenticate, value: sent == nil ? "Bearer" : "Bearer error=\"invalid_token\"")
        return APIProblem(status: .unauthorized, title: "Sign in with a token", detail: detail, headers: headers)
    }

    /// The same messages the web form shows, each by its field.
    static func invalid(_ errors: FieldErrors) -> APIProblem {
        APIProblem(
            status: .unprocessableEntity, title: "Some fields need another look",
            detail: "Nothing was saved. Each field in `errors` says what to change.", fields: errors)
    }

    static func status(of error: any Error) -> HTTPResponseStatus {
        problem(for: error, request: nil).status
    }

    /// Turns any error met on an API path into a problem. Errors the generated code raises while
    /// reading the request become 400 (or 415 for a body that isn't JSON); errors from a handler are
    /// unwrapped and answered as they would be on a page.
    static func problem(for error: any Error, request: Request?) -> APIProblem {
        switch error {
        case let problem as APIProblem:
            return problem
        case let server as ServerError:
            if server.operationInput == nil {
                if let type = request?.headers.contentType, request?.body.data.map({ $0.readableBytes > 0 }) ?? true,
                    !(type.type == "application" && type.subType == "json")
                {
                    return APIProblem(status: .unsupportedMediaType, title: "Send the body as application/json")
                }
                return APIProblem(
                    status: .badRequest, title: "The request doesn't match the API description",
                    detail: Self.describe(server.underlyingError) + " See /api/v1/openapi.json.")
            }
            return problem(for: server.underlyingError, request: request)
        case let page as PageError:
            return APIProblem(status: page.status, title: page.title, detail: page.message)
        case let abort as any AbortError:
            let generic = PageError.generic(for: abort.status)
            var problem = APIProblem(status: generic.status, title: generic.title, detail: generic.message)
            if abort.status == .methodNotAllowed, let allow = abort.headers.first(name: .allow) {
                problem.headers.add(name: .allow, value: allow)
            }
            return problem
        default:
            let generic = PageError.generic(for: .internalServerError)
            return APIProblem(status: generic.status, title: generic.title, detail: generic.message)
        }
    }

    /// What was wrong with the request, by field path, never quoting internal types or the values sent.
    private static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "A parameter or the body couldn't be read." }
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            let joined = keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "the body" : "`\(joined)`"
        }
        switch decoding {
        case .keyNotFound(let key, let context): return "\(path(context, key)) is required."
        case .valueNotFound(_, let context): return "\(path(context)) is required."
        case .typeMismatch(_, let context): return "\(path(context)) has the wrong type."
        case .dataCorrupted(let context): return "\(path(context)) couldn't be read."
        @unknown default: return "A parameter or the body couldn't be read."
        }
    }

    func response(for request: Request) -> Response {
        var body: [String: Any] = [
            "type": "about:blank", "title": title, "status": Int(status.code), "instance": request.correlationID,
        ]
        if let detail { body["detail"] = detail }
        if !fields.isEmpty {
            body["errors"] = fields.messages.keys.sorted().map { ["field": $0, "message": fields.messages[$0] ?? ""] }
        }
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data("{}".utf8)
        var headers = self.headers
        headers.replaceOrAdd(name: .contentType, value: "application/problem+json")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: status, headers: headers, body: .init(data: data))
    }
}
