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

    @Test func afterFiveFailuresEachTryFromThereWaitsTwiceAsLongAsTheLast() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = context.client()
            try await client.get("/login")
            for _ in 0..<5 {
                let page = try await client.post("/login", [("email", "evaluator@demo.alongside.test"), ("password", "wrong guess here")])
                #expect(page.status == .unauthorized)
            }
            // The clock stands still: even the right password waits a second, unchecked.
            let paused = try await client.post(
                "/login", [("email", "evaluator@demo.alongside.test"), ("password", TestContext.demoPassword)])
            #expect(paused.status == .tooManyRequests)
            #expect(paused.contains("signing in is paused for 1 second "))
            #expect(paused.contains("value=\"evaluator@demo.alongside.test\""))

            // Another account from the same place is not affected.
            let other = context.client()
            try await other.get("/login")
            #expect(
                try await other.post("/login", [("email", "peer@demo.alongside.test"), ("password", TestContext.demoPassword)]).status
                    == .seeOther)

            context.clock.advance(by: 1)
            #expect(
                try await client.post("/login", [("email", "evaluator@demo.alongside.test"), ("password", "wrong guess here")]).status
                    == .unauthorized)
            let longer = try await client.post(
                "/login", [("email", "evaluator@demo.alongside.test"), ("password", TestContext.demoPassword)])
            #expect(longer.status == .tooManyRequests)
            #expect(longer.contains("signing in is paused for 2 seconds "))

            context.clock.advance(by: 2)
            #expect(
                try await client.post("/login", [("email", "evaluator@demo.alongside.test"), ("password", TestContext.demoPassword)]).status
                    == .seeOther)
        }
    }

    @Test func guessesFromAnotherAddressNeverPauseTheOwner() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let stranger = TestClient(app: context.app, address: "203.0.113.9")
            try await stranger.get("/login")
            let guess = [("email", "evaluator@demo.alongside.test"), ("password", "wrong guess here")]
            var answers: [HTTPResponseStatus] = []
            for _ in 0..<12 {
                answers.append(try await stranger.post("/login", guess).status)
            }
            #expect(answers.prefix(5).allSatisfy { $0 == .unauthorized })
            #expect(answers.dropFirst(5).allSatisfy { $0 == .tooManyRequests })

            let owner = TestClient(app: context.app, address: "198.51.100.20")
            try await owner.get("/login")
            #expect(
                try await owner.post("/login", [("email", "evaluator@demo.alongside.test"), ("password", TestContext.demoPassword)]).status
                    == .seeOther)
            // The owner signing in forgives nothing of the stranger's.
            #expect(try await stranger.post("/login", guess).status == .tooManyRequests)
        }
    }

    @Test func simultaneousGuessesAreCountedBeforeAnyPasswordIsChecked() async throws {
        try await withTestApp(configureSettings: { $0.security.throttle.maxFailuresPerAddress = 1000 }) { context in
            try await context.seedDemo()
            let free = context.app.settings.security.throttle.freeFailuresPerPair
            let answers = try await Self.simultaneousWrongGuesses(context, count: 30) { _ in "evaluator@demo.alongside.test" }
            // Only the free tries reached the password check; every other one was told to wait, and none failed.
            #expect(answers.filter { $0 == .unauthorized }.count == free)
            #expect(answers.filter { $0 == .tooManyRequests }.count == 30 - free)
            let checked = try await context.auditEntries(action: Action.signIn.rawValue).filter { $0.outcome == "failure" }
            #expect(checked.count == free)
        }
    }

    @Test func simultaneousGuessesAcrossAccountsStopAtTheAddressLimit() async throws {
        try await withTestApp(configureSettings: { $0.security.throttle.maxFailuresPerAddress = 10 }) { context in
            let answers = try await Self.simultaneousWrongGuesses(context, count: 40) { "nobody\($0)@example.org" }
            #expect(answers.filter { $0 == .unauthorized }.count == 10)
            #expect(answers.filter { $0 == .tooManyRequests }.count == 30)
        }
    }

    /// Wrong guesses sent all at once from one address, each from a visitor who has loaded the form.
    static func simultaneousWrongGuesses(
        _ context: TestContext, count: Int, email: @escaping @Sendable (Int) -> String
    ) async throws -> [HTTPResponseStatus] {
        var visitors: [TestClient] = []
        for _ in 0..<count {
            let visitor = TestClient(app: context.app, address: "203.0.113.9")
            try await visitor.get("/login")
            visitors.append(visitor)
        }
        return try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
            for (index, visitor) in visitors.enumerated() {
                group.addTask {
                    try await visitor.post("/login", [("email", email(index)), ("password", "wrong guess here")]).status
                }
            }
            var answers: [HTTPResponseStatus] = []
            for try await answer in group { answers.append(answer) }
            return answers
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
