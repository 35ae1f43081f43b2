import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct SignInTests {
    @Test func aWrongPasswordSaysSoKeepsTheEmailAndIsAudited() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = context.client()
            try await client.get("/login")
            let page = try await client.post("/login", [("email", "peer@demo.alongside.test"), ("password", "not the password")])
            #expect(page.status == .unauthorized)
            #expect(
                page.contains("That email and password don&#39;t match an account")
                    || page.contains("That email and password don't match an account"))
            #expect(page.contains("value=\"peer@demo.alongside.test\""))
            #expect(!page.contains("not the password"))
            #expect(client.cookies[SessionStore.cookieName] == nil)
            let failures = try await context.auditEntries(action: Action.signIn.rawValue).filter { $0.outcome == "failure" }
            #expect(failures.count == 1)
        }
    }

    @Test func anUnknownEmailGetsTheSameAnswerAsAWrongPassword() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = context.client()
            try await client.get("/login")
            let known = try await client.post("/login", [("email", "peer@demo.alongside.test"), ("password", "not the password")])
            let unknown = try await client.post("/login", [("email", "nobody@demo.alongside.test"), ("password", "not the password")])
            #expect(known.status == unknown.status)
            #expect(unknown.contains("don&#39;t match an account") || unknown.contains("don't match an account"))
        }
    }

    @Test func emptyFieldsAreExplained() async throws {
        try await withTestApp { context in
            let client = context.client()
            try await client.get("/login")
            let page = try await client.post("/login", [("email", ""), ("password", "")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("Enter an email address."))
            #expect(page.contains("Enter your password."))
        }
    }

    @Test func fiveFailuresPauseTheAccountEvenForTheRightPassword() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = context.client()
            try await client.get("/login")
            for _ in 0..<5 {
                let page = try await client.post("/login", [("email", "evaluator@demo.alongside.test"), ("password", "wrong guess here")])
                #expect(page.status == .unauthorized)
            }
            let paused = try await client.post(
                "/login", [("email", "evaluator@demo.alongside.test"), ("password", TestContext.demoPassword)])
            #expect(paused.status == .tooManyRequests)
            #expect(paused.contains("signing in is paused for 15 minutes"))
            #expect(paused.contains("value=\"evaluator@demo.alongside.test\""))

            // Another account from the same place is not affected.
            #expect(
                try await client.post("/login", [("email", "peer@demo.alongside.test"), ("password", TestContext.demoPassword)]).status
                    == .seeOther)

            context.clock.advance(by: 15 * 60 + 1)
            let fresh = context.client()
            try await fresh.get("/login")
            #expect(
                try await fresh.post("/login", [("email", "evaluator@demo.alongside.test"), ("password", TestContext.demoPassword)]).status
                    == .seeOther)
        }
    }

    @Test func manyFailuresFromOneAddressPauseEveryAccountFromIt() async throws {
        try await withTestApp(configureSettings: { $0.security.throttle.maxFailuresPerAddress = 3 }) { context in
            try await context.seedDemo()
            let client = context.client()
            try await client.get("/login")
            for email in ["a@example.org", "b@example.org", "c@example.org"] {
                try await client.post("/login", [("email", email), ("password", "wrong guess here")])
            }
            let paused = try await client.post("/login", [("email", "peer@demo.alongside.test"), ("password", TestContext.demoPassword)])
            #expect(paused.status == .tooManyRequests)
        }
    }

    @Test func aDeactivatedAccountCannotSignIn() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = context.client()
            try await client.get("/login")
            let page = try await client.post(
                "/login", [("email", "chris.dunmore@demo.alongside.test"), ("password", TestContext.demoPassword)])
            #expect(page.status == .forbidden)
            #expect(page.contains("This account has been deactivated"))
            #expect(client.cookies[SessionStore.cookieName] == nil)
        }
    }

    @Test func afterSignInThePersonReturnsToWhereTheyWereGoingButNeverOffSite() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = context.client()
            let bounced = try await client.get("/admin/audit")
            #expect(bounced.location == "/login?next=/admin/audit")
            try await client.get(bounced.location!)
            let page = try await client.post(
                "/login",
                [
                    ("email", "admin@demo.alongside.test"), ("password", TestContext.demoPassword),
                    ("next", "/admin/audit"),
                ])
            #expect(page.location == "/admin/audit")

            let other = context.client()
            try await other.get("/login")
            let offsite = try await other.post(
                "/login",
                [
                    ("email", "admin@demo.alongside.test"), ("password", TestContext.demoPassword),
                    ("next", "//evil.example/"),
                ])
            #expect(offsite.location == "/home")
        }
    }

    @Test func changingYourPasswordSignsOutYourOtherDevices() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let phone = try await context.signedInClient("peerworker@demo.alongside.test")
            let laptop = try await context.signedInClient("peerworker@demo.alongside.test")
            try await laptop.get("/account/password")
            let weak = try await laptop.post(
                "/account/password", [("current", TestContext.demoPassword), ("password", "short"), ("confirmation", "short")])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.contains("Use at least 12 characters"))
            let wrong = try await laptop.post(
                "/account/password",
                [("current", "not it at all"), ("password", "a brand new phrase"), ("confirmation", "a brand new phrase")])
            #expect(wrong.contains("That isn&#39;t your current password") || wrong.contains("That isn't your current password"))

            let done = try await laptop.post(
                "/account/password",
                [("current", TestContext.demoPassword), ("password", "a brand new phrase"), ("confirmation", "a brand new phrase")])
            #expect(done.location == "/account/password?changed=1")
            #expect(try await laptop.get("/home").status == .ok)
            #expect(try await phone.get("/home").location?.hasPrefix("/login") == true)
            let fresh = try await context.signedInClient("peerworker@demo.alongside.test", password: "a brand new phrase")
            #expect(try await fresh.get("/home").status == .ok)
        }
    }
}
