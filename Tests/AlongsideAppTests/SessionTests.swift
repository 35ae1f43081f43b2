import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct SessionTests {
    @Test func sessionCookieIsHttpOnlyLaxAndLastsNoLongerThanTheAbsoluteLimit() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = context.client()
            try await client.get("/login")
            let page = try await client.post("/login", [("email", "peer@demo.alongside.test"), ("password", TestContext.demoPassword)])
            let header = try #require(page.headers[.setCookie].first { $0.hasPrefix(SessionStore.cookieName + "=") })
            #expect(header.contains("HttpOnly"))
            #expect(header.contains("SameSite=Lax"))
            #expect(header.contains("Max-Age=43200"))
            #expect(!header.contains("Secure"))
        }
    }

    @Test func cookiesAreSecureWhenServedOverTLS() async throws {
        try await withTestApp(configureSettings: { $0.sessions.secureCookies = true }) { context in
            try await context.seedDemo()
            let client = context.client()
            let login = try await client.get("/login")
            #expect(login.headers[.setCookie].allSatisfy { $0.contains("Secure") })
            let page = try await client.post("/login", [("email", "peer@demo.alongside.test"), ("password", TestContext.demoPassword)])
            #expect(page.headers[.setCookie].allSatisfy { $0.contains("Secure") })
            #expect(page.headers.first(name: "Strict-Transport-Security") != nil)
        }
    }

    @Test func onlyTheHashOfTheSessionKeyIsStored() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = try await context.signedInClient("peer@demo.alongside.test")
            let key = try #require(client.cookies[SessionStore.cookieName])
            let records = try await StoredSession.query(on: context.db).all()
            #expect(records.count == 1)
            #expect(records.allSatisfy { $0.keyHash != key && $0.keyHash == SecretToken.hash(key) })
        }
    }

    @Test func signingInIssuesANewKeyAndIgnoresOneTheVisitorArrivedWith() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = context.client()
            client.setCookie(SessionStore.cookieName, "planted-by-someone-else")
            try await client.get("/login")
            try await client.post("/login", [("email", "peer@demo.alongside.test"), ("password", TestContext.demoPassword)])
            let issued = try #require(client.cookies[SessionStore.cookieName])
            #expect(issued != "planted-by-someone-else")

            let attacker = context.client()
            attacker.setCookie(SessionStore.cookieName, "planted-by-someone-else")
            let page = try await attacker.get("/home")
            #expect(page.location?.hasPrefix("/login") == true)
        }
    }

    @Test func signingInAgainRetiresTheEarlierSessionOfThatBrowser() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = try await context.signedInClient("peer@demo.alongside.test")
            let first = try #require(client.cookies[SessionStore.cookieName])
            try await client.get("/login")
            // Signed-in people are sent home from the sign-in page; post the form with their token.
            try await client.post("/login", [("email", "peer@demo.alongside.test"), ("password", TestContext.demoPassword)])
            let second = try #require(client.cookies[SessionStore.cookieName])
            #expect(first != second)
            #expect(try await StoredSession.query(on: context.db).filter(\.$keyHash == SecretToken.hash(first)).first() == nil)
        }
    }

    @Test func signingOutEndsTheSessionSoTheOldCookieNoLongerWorks() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = try await context.signedInClient("peer@demo.alongside.test")
            let key = try #require(client.cookies[SessionStore.cookieName])
            let page = try await client.post("/logout")
            #expect(page.status == .seeOther)
            #expect(client.cookies[SessionStore.cookieName] == nil)
            #expect(try await StoredSession.query(on: context.db).count() == 0)

            let replay = context.client()
            replay.setCookie(SessionStore.cookieName, key)
            #expect(try await replay.get("/home").location?.hasPrefix("/login") == true)
        }
    }

    @Test func aSessionEndsAfterThirtyIdleMinutes() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = try await context.signedInClient("peer@demo.alongside.test")
            context.clock.advance(by: 29 * 60)
            #expect(try await client.get("/home").status == .ok)
            context.clock.advance(by: 29 * 60)
            #expect(try await client.get("/home").status == .ok, "activity keeps it alive")
            context.clock.advance(by: 31 * 60)
            let page = try await client.get("/home")
            #expect(page.location?.hasPrefix("/login") == true)
            // Its row only says whose a form sent now would be (`HeldForm`), then goes.
            context.clock.advance(by: HeldForm.lifetime + 60)
            try await SessionStore.removeExpired(on: context.db, lifetime: context.app.settings.sessions.lifetime, now: context.clock.now)
            #expect(try await StoredSession.query(on: context.db).count() == 0, "the expired session is removed")
        }
    }

    @Test func aSessionEndsAfterTwelveHoursHoweverActive() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = try await context.signedInClient("peer@demo.alongside.test")
            for _ in 0..<(11 * 3) {
                context.clock.advance(by: 20 * 60)
                #expect(try await client.get("/home").status == .ok)
            }
            context.clock.advance(by: 61 * 60)
            #expect(try await client.get("/home").location?.hasPrefix("/login") == true)
        }
    }

    @Test func theSessionCookieOfAnotherOrganisationOpensNothingHere() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let other = try await context.otherOrganisationAdmin()
            let session = try await context.directSession(for: other)
            let client = context.client()
            client.setCookie(SessionStore.cookieName, session.cookie)
            let tama = try await context.account("tama.wiremu@demo.alongside.test")
            let page = try await client.get("/admin/accounts/\(try tama.requireID().uuidString)")
            #expect(page.status == .notFound)
            let list = try await client.get("/admin/accounts")
            #expect(list.status == .ok)
            #expect(!list.contains("Tama Wiremu"))
            #expect(list.contains("Rua Harbour"))
            let denied = try await context.auditEntries(action: Action.viewAccount.rawValue)
            #expect(denied.contains { $0.outcome == "denied" && $0.actorID == other.id })
        }
    }
}
