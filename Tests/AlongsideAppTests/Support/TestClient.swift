import Foundation
import NIOCore
import NIOHTTP1
import Testing
import Vapor
import VaporTesting

@testable import AlongsideApp

/// A tiny browser for tests: keeps cookies, follows nothing automatically, and picks up the form
/// token from the last page it saw, the way a real browser submits the form it shows.
final class TestClient: @unchecked Sendable {
    let app: Application
    /// The network address the requests come from, as the server sees it; none by default.
    let address: String?
    private(set) var cookies: [String: String] = [:]
    private(set) var lastCSRF: String?

    init(app: Application, address: String? = nil) {
        self.app = app
        self.address = address
    }

    struct Page {
        let status: HTTPResponseStatus
        let headers: HTTPHeaders
        let body: String
        /// The body as sent, for a download that isn't text.
        var bytes = Data()

        var location: String? { headers.first(name: .location) }
        /// Where it redirects, without the query that asks the page for a notice.
        var locationPath: String? { location?.split(separator: "?").first.map(String.init) }
        /// As a person reads it: an apostrophe written as `&#39;` (as written markup escapes it) still counts.
        func contains(_ text: String) -> Bool {
            body.contains(text) || body.replacingOccurrences(of: "&#39;", with: "'").contains(text)
        }
    }

    func setCookie(_ name: String, _ value: String?) { cookies[name] = value }

    /// A personal access token sent with every request, as an API client would.
    var bearer: String?

    /// Sends a JSON body, as an API client would.
    @discardableResult
    func sendJSON(_ method: HTTPMethod, _ path: String, _ json: String, contentType: String = "application/json") async throws -> Page {
        try await send(method, path, body: json, contentType: contentType)
    }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        try await send(.GET, path, body: nil)
    }

    /// Posts a form. `_csrf` is added from the last page unless the fields already carry one.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = [], csrf: Bool = true) async throws -> Page {
        var fields = fields
        if csrf, !fields.contains(where: { $0.0 == "_csrf" }), let token = lastCSRF {
            fields.append(("_csrf", token))
        }
        return try await send(.POST, path, body: Self.encode(fields))
    }

    private func send(_ method: HTTPMethod, _ path: String, body: String?, contentType: String? = nil) async throws -> Page {
        var headers = HTTPHeaders()
        if let bearer { headers.add(name: .authorization, value: "Bearer \(bearer)") }
        if !cookies.isEmpty {
            headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        if body != nil { headers.replaceOrAdd(name: .contentType, value: contentType ?? "application/x-www-form-urlencoded") }
        let page: Page
        if let address {
            page = try await Self.send(app, method, path, headers: headers, body: body, from: address)
        } else {
            let response = try await app.testing().sendRequest(
                method, path, headers: headers,
                body: body.map { ByteBuffer(string: $0) })
            page = Page(
                status: response.status, headers: response.headers, body: response.body.string,
                bytes: Data(response.body.readableBytesView))
        }
        for (name, value) in page.headers.setCookie?.all ?? [:] {
            let expired = value.maxAge == 0 || (value.expires.map { $0 < Date() } ?? false)
            cookies[name] = expired || value.string.isEmpty ? nil : value.string
        }
        if let token = Self.csrfToken(in: page.body) { lastCSRF = token }
        // Every reader opens what it selects: a sealed value never reaches a page.
        if page.body.contains(FieldCipher.prefix) {
            Issue.record("\(method) \(path) showed a sealed value: a reader selected free text without opening it")
        }
        return page
    }

    /// The in-memory request VaporTesting makes, but from a given address.
    private static func send(
        _ app: Application, _ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: String?, from address: String
    ) async throws -> Page {
        let request = Request(
            application: app, method: method, url: URI(path: path), headers: headers,
            collectedBody: body.map { ByteBuffer(string: $0) },
            remoteAddress: try SocketAddress(ipAddress: address, port: 50_000), logger: app.logger,
            on: app.eventLoopGroup.next())
        let response = try await app.responder.respond(to: request).get()
        let collected = try await response.body.collect(on: request.eventLoop).get()
        return Page(
            status: response.status, headers: response.headers, body: collected.map { String(buffer: $0) } ?? "",
            bytes: collected.map { Data($0.readableBytesView) } ?? Data())
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) else { return nil }
        let match = html[range]
        return match.split(separator: "\"").dropFirst(3).first.map(String.init)
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { key, value in
            (key.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "="
                + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }
}
