import AlongsideDomain
import Foundation
import Plot
import Vapor

/// All a view knows of the request it answers: who is asking, their form token, the time, what
/// the address asked for. Views get this and the models their controller loaded, never the
/// request itself, so no view can query the database or read past the record door on its own.
struct Viewer: Sendable {
    let signedIn: SignedInSession?
    let csrfToken: String
    let now: Date
    private let queryItems: [String: String]
    private let parameters: [String: String]
    let languageGuide: LanguageGuide
    /// Whether email is set up, and how (for saying so where it matters).
    let mail: MailSettings?

    init(_ request: Request) {
        signedIn = request.signedIn
        csrfToken = request.csrfToken
        now = request.now
        var items: [String: String] = [:]
        // Most addresses have no query: don't parse the whole address to find that out.
        if request.url.query != nil {
            for item in URLComponents(string: request.url.string)?.queryItems ?? [] where items[item.name] == nil {
                items[item.name] = item.value ?? ""
            }
        }
        queryItems = items
        parameters = Self.named(request)
        languageGuide = request.application.languageGuide
        mail = request.application.settings.mail
    }

    private static func named(_ request: Request) -> [String: String] {
        var named: [String: String] = [:]
        for name in ["relationshipID", "token", "conversationID", "peerID"] {
            if let value = request.parameters.get(name) { named[name] = value }
        }
        return named
    }

    /// A value from the address's query, such as `saved=1` after a save.
    func query(_ name: String) -> String? { queryItems[name] }

    /// A route parameter, as typed in the address.
    func parameter(_ name: String) -> String? { parameters[name] }

    /// Whether the signed-in person may do this to a record, for showing or hiding a link or form.
    func may(_ action: Action, _ resource: Resource) -> Bool {
        guard let session = signedIn else { return false }
        return AccessPolicy.decide(.signedIn(session.actor), action, resource).isAllowed
    }

    /// Renders a page in the shared layout. Pages with personal data must never be cached.
    func page(_ title: String, status: HTTPResponseStatus = .ok, @ComponentBuilder content: @escaping () -> ComponentGroup) -> Response {
        let html = PageLayout(title: title, session: signedIn, content: ComponentGroup(members: [content()])).render()
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html))
    }
}

extension Request {
    var viewer: Viewer { Viewer(self) }
}
