import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

/// A TOTP second factor: turned on with a code, asked for at sign-in, never accepted twice,
/// stood in for by one-time recovery codes, and required of staff when the service says so.
@Suite struct SecondFactorTests {
    static func code(_ secret: [UInt8], at date: Date) -> String {
        SecondFactorStore.totp(secret).generate(time: date)
    }

    /// Turns the second factor on for a signed-in client; returns the secret and the recovery codes.
    static func turnOn(_ client: TestClient, _ context: TestContext) async throws -> (secret: [UInt8], recovery: [String]) {
        try await client.get("/account/second-factor")
        let setUp = try await client.post("/account/second-factor/start")
        let range = try #require(setUp.body.range(of: #"id="totp-key"[^>]*><strong>([A-Z2-7 ]+)</strong>"#, options: .regularExpression))
        let key = String(setUp.body[range]).split(separator: ">").last!.replacingOccurrences(of: "</strong", with: "")
            .replacingOccurrences(of: " ", with: "")
        let secret = try #require(Base32.decode(key))
        let wrong = try await client.post("/account/second-factor/confirm", [("code", "000000")])
        #expect(wrong.status == .unprocessableEntity)
        let done = try await client.post("/account/second-factor/confirm", [("code", Self.code(secret, at: context.clock.now))])
        #expect(done.contains("Your second factor is on"))
        let codes = done.body.matches(of: /<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/).map { String($0.1) }
        #expect(codes.count == SecondFactorRules.recoveryCodeCount)
        return (secret, codes)
    }

    static func signInWithPassword(_ context: TestContext, _ email: String) async throws -> (TestClient, TestClient.Page) {
        let client = context.client()
        try await client.get("/login")
        let page = try await client.post("/login", [("email", email), ("password", TestContext.demoPassword)])
        return (client, page)
    }

    @Test func aStaffMemberTurnsItOnAndThenSignsInWithACodeThatWorksOnce() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let email = "peerworker@demo.alongside.test"
            let client = try await context.signedInClient(email)
            let (secret, _) = try await Self.turnOn(client, context)
            let stored = try #require(try await context.account(email).totpSecret)
            #expect(stored.hasPrefix("enc1:"), "the secret is stored encrypted")
            #expect(!stored.contains(Base32.encode(secret)))

            context.clock.advance(by: 90)
            let (fresh, page) = try await Self.signInWithPassword(context, email)
            #expect(page.location == "/login/code", "the password alone doesn't sign in")
            #expect(try await fresh.get("/caseload").status != .ok)
            try await fresh.get("/login/code")
            let wrong = try await fresh.post("/login/code", [("code", "123456")])
            #expect(wrong.contains("That code didn't match."))
            let code = Self.code(secret, at: context.clock.now)
            let signedIn = try await fresh.post("/login/code", [("code", code)])
            #expect(signedIn.status == .seeOther)
            #expect(try await fresh.get("/caseload").status == .ok)

            // The same code again, within its window, from another sign-in: refused.
            let (again, _) = try await Self.signInWithPassword(context, email)
            try await again.get("/login/code")
            let reused = try await again.post("/login/code", [("code", code)])
            #expect(reused.contains("That code has been used already."))
        }
    }

    @Test func aRecoveryCodeWorksOnceAndTriesAreLimited() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let email = "supervisor@demo.alongside.test"
            let (_, recovery) = try await Self.turnOn(try await context.signedInClient(email), context)
            let (client, _) = try await Self.signInWithPassword(context, email)
            try await client.get("/login/code")
            #expect(try await client.post("/login/code", [("code", recovery[0])]).status == .seeOther)
            let (second, _) = try await Self.signInWithPassword(context, email)
            try await second.get("/login/code")
            #expect(try await second.post("/login/code", [("code", recovery[0])]).contains("That code didn't match."))
            for _ in 0..<4 { try await second.post("/login/code", [("code", "999999")]) }
            let locked = try await second.post("/login/code", [("code", recovery[1])])
            #expect(locked.contains("Too many codes were tried."), "a burst of guesses ends the sign-in")
        }
    }

    @Test func aServiceThatRequiresItSendsStaffToSetItUpFirst() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let organisation = try #require(try await Organisation.query(on: context.db).first())
            organisation.requireSecondFactor = true
            try await organisation.save(on: context.db)
            let worker = try await context.signedInClient("peerworker@demo.alongside.test")
            let caseload = try await worker.get("/caseload")
            #expect(caseload.location == "/account/second-factor")
            #expect(try await worker.get("/account/second-factor").contains("Set up a second factor"))
            _ = try await Self.turnOn(worker, context)
            #expect(try await worker.get("/caseload").status == .ok)
            let refused = try await worker.post("/account/second-factor/off", [("code", "123456")])
            #expect(refused.status == .unprocessableEntity && refused.contains("Your service requires it for its staff, so it stays on."))
            // A peer reading their own record isn't staff: nothing is asked of them.
            let peer = try await context.signedInClient("peer@demo.alongside.test")
            #expect(try await peer.get("/my").status == .ok)
        }
    }

    @Test func aServerGivenAnotherKeyRefusesToStartAndNamesTheKeyItNeeds() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let account = try await context.demoAccount(.peerWorker)
            _ = try await SecondFactorStore.begin(account, cipher: FieldCipher.shared, on: context.db)
            var settings = context.app.settings
            settings.key = .inMemory((0..<32).map { UInt8($0) })
            let other = try await Application.make(.testing)
            do {
                try await configure(other, settings: settings)
                Issue.record("a server with another key started")
            } catch let problem as Settings.Problem {
                let needed = FieldCipher.id(of: DataKeys.derivedFirst(try AppKey(bytes: TestDatabase.key)))
                #expect(problem.description.contains("encrypted with data key \(needed)"))
            }
            try await other.asyncShutdown()
        }
    }

    @Test func wrongCodesAcrossManySignInsPauseTheAccountsCodes() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let email = "peerworker@demo.alongside.test"
            let (secret, _) = try await Self.turnOn(try await context.signedInClient(email), context)
            context.clock.advance(by: 60)
            // Two guesses per sign-in, five sign-ins: never the five tries of one sign-in.
            for _ in 0..<5 {
                let (client, _) = try await Self.signInWithPassword(context, email)
                try await client.get("/login/code")
                for guess in ["111111", "222222"] { try await client.post("/login/code", [("code", guess)]) }
            }
            let (client, _) = try await Self.signInWithPassword(context, email)
            try await client.get("/login/code")
            let paused = try await client.post("/login/code", [("code", Self.code(secret, at: context.clock.now))])
            #expect(paused.status == .tooManyRequests, "even the right code waits once ten wrong ones were tried")
            #expect(paused.contains("Codes are checked again in 15 minutes"))
            context.clock.advance(by: 16 * 60)
            let (later, _) = try await Self.signInWithPassword(context, email)
            try await later.get("/login/code")
            #expect(try await later.post("/login/code", [("code", Self.code(secret, at: context.clock.now))]).status == .seeOther)
        }
    }
}
