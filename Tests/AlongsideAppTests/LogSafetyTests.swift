import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct LogSafetyTests {
    @Test func passwordsTokensAndSessionKeysNeverReachTheLogs() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let secretPassword = "marmalade skies over the harbour"
            let link = try await InviteTests.invite(context, email: "log.check@example.org")
            let token = String(link.dropFirst("/invite/".count))
            let invitee = context.client()
            try await invitee.get(link)
            try await invitee.post(link, [("name", "Log Check"), ("password", secretPassword), ("confirmation", secretPassword)])
            let sessionKey = try #require(invitee.cookies[SessionStore.cookieName])
            let csrf = try #require(invitee.lastCSRF)
            let stranger = context.client()
            try await stranger.get("/login")
            try await stranger.post("/login", [("email", "peer@demo.alongside.test"), ("password", "wrong-\(secretPassword)")])
            try await stranger.get("/no-such-page?password=\(secretPassword.replacingOccurrences(of: " ", with: "+"))")
            try await stranger.get("/invite/\(token)/mistyped")
            let worker = try await context.signedInClient("peerworker@demo.alongside.test")
            try await worker.get("/account/calendar")
            let made = try await worker.post("/account/calendar")
            let range = try #require(made.body.range(of: #"/calendar/[A-Za-z0-9_-]+\.ics"#, options: .regularExpression))
            let feedPath = String(made.body[range])
            #expect(try await context.client().get(feedPath).status == .ok)
            let feedSecret = String(feedPath.dropFirst("/calendar/".count).dropLast(".ics".count))

            let logs = LogCapture.shared.all
            #expect(!logs.isEmpty)
            for secret in [secretPassword, "marmalade", TestContext.demoPassword, token, sessionKey, csrf, feedSecret] {
                #expect(!logs.contains(secret), "a secret reached the logs")
            }
            #expect(logs.contains("GET /calendar/… 200"), "the feed's fetch is still logged, without its secret")
        }
    }

    /// A route anyone can reach with a parameter in its path is reached by a secret: its
    /// parameter must be one the request log replaces.
    @Test func everyOpenRouteWithAParameterHasItsParameterRedacted() async throws {
        try await withTestApp { context in
            for route in context.app.routes.all {
                guard let action = route.action, AccessPolicy.openActions.contains(action) else { continue }
                for case .parameter(let name) in route.path {
                    #expect(LogSafe.secretParameters.contains(name), "\(route.description) logs its :\(name)")
                }
            }
        }
    }
}
