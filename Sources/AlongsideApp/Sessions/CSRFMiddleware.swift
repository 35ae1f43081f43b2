import AlongsideDomain
import Vapor

/// Every state-changing request must carry the form token from a page Alongside showed. Signed-in
/// people have a token bound to their session; visitors have one in a cookie of its own.
struct CSRFMiddleware: Middleware {
    static let fieldName = "_csrf"
    static let cookieName = "alongside_csrf"
    let settings: SessionSettings
    let maxBodySize: Int

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // API calls carry a bearer token, which a page elsewhere can't make a browser send, and
        // no cookie is ever read there: there is no ambient authority to forge.
        if request.isAPI { return next.respond(to: request) }
        let visitorCookie = request.cookies[Self.cookieName]?.string
        var newVisitorToken: String?
        if request.signedIn == nil {
            if let visitorCookie, Self.isWellFormed(visitorCookie) {
                request.visitorCSRFToken = visitorCookie
            } else {
                newVisitorToken = SecretToken.generate()
                request.visitorCSRFToken = newVisitorToken
            }
        }
        var checked = request.eventLoop.makeSucceededVoidFuture()
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            // The token is in the body, so read it all here (within the size limit) before the route does.
            checked = request.body.collect(max: maxBodySize).flatMapThrowing { body in
                let sent = (try? request.content.get(String.self, at: Self.fieldName)) ?? ""
                // A visitor's token is one we made: 43 characters. Anything else is not compared.
                let expected = request.signedIn?.csrfToken ?? visitorCookie.flatMap { Self.isWellFormed($0) ? $0 : nil } ?? ""
                guard !expected.isEmpty, SecretToken.matches(sent, expected) else {
                    request.logger.notice("Form token missing or wrong")
                    throw PageError.formExpired
                }
                // Every form here is sent URL-encoded: other encodings (JSON, multipart) would reach
                // the routes' decoders without the checks below, so they are refused outright.
                if let body, body.readableBytes > 0, request.headers.contentType != .urlEncodedForm {
                    throw PageError(
                        status: .unsupportedMediaType, title: "We couldn't read that form",
                        message: "Forms here are sent as ordinary web forms. Reload the page and try again.")
                }
                // Before any field the route reads: each field once, readable text, no hidden controls.
                if let body, let problem = FormBody.problem(in: Array(body.readableBytesView)) {
                    request.logger.notice("Form refused before reading", metadata: ["problem": "\(problem)"])
                    throw PageError(status: .badRequest, title: "We couldn't read that form", message: problem.message)
                }

            }
        }
        let issued = newVisitorToken
        return checked.flatMap { next.respond(to: request) }.map { response in
            if let newVisitorToken = issued, response.cookies[Self.cookieName] == nil {
                response.cookies[Self.cookieName] = Self.cookie(newVisitorToken, settings: settings)
            }
            return response
        }
    }

    /// The shape `SecretToken.generate()` makes: 43 URL-safe base64 characters.
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43
            && token.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D
                    || byte == 0x5F
            }
    }

    static func cookie(_ token: String, settings: SessionSettings) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, path: "/", isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
}

extension Request {
    private struct VisitorTokenKey: StorageKey { typealias Value = String }

    fileprivate(set) var visitorCSRFToken: String? {
        get { storage[VisitorTokenKey.self] }
        set { storage[VisitorTokenKey.self] = newValue }
    }

    /// The token to put in this page's forms.
    var csrfToken: String { signedIn?.csrfToken ?? visitorCSRFToken ?? "" }
}
