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

            let logs = LogCapture.shared.all
            #expect(!logs.isEmpty)
            for secret in [secretPassword, "marmalade", TestContext.demoPassword, token, sessionKey, csrf] {
                #expect(!logs.contains(secret), "a secret reached the logs")
            }
        }
    }
}
