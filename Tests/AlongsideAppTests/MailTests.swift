import AlongsideDomain
import Fluent
import Foundation
import Synchronization
import Testing
import Vapor

@testable import AlongsideApp

/// Hands messages to nothing, keeping what it was given; fails while told to.
final class RecordingTransport: MailTransport {
    struct Sent: Sendable {
        let to: String
        let subject: String
        let body: String
    }

    private let state = Mutex<(sent: [Sent], failuresLeft: Int)>(([], 0))
    var sent: [Sent] { state.withLock { $0.sent } }
    func fail(times: Int) { state.withLock { $0.failuresLeft = times } }

    func send(to recipient: String, subject: String, body: String, messageID: String, at date: Date) async throws {
        try state.withLock {
            if $0.failuresLeft > 0 {
                $0.failuresLeft -= 1
                throw SMTPClient.Failure(description: "the server answered 451 try again later during RCPT TO")
            }
            $0.sent.append(Sent(to: recipient, subject: subject, body: body))
        }
    }
}

func withMail(_ body: (TestContext, RecordingTransport) async throws -> Void) async throws {
    try await withTestApp(configureSettings: { settings in
        var mail = MailSettings(host: "127.0.0.1", fromAddress: "peers@demo.alongside.test")
        mail.pollSeconds = 0  // the tests send by hand, never in the background
        settings.mail = mail
    }) { context in
        let transport = RecordingTransport()
        context.app.mailTransport = transport
        try await body(context, transport)
    }
}

@Suite struct MailTests {
    static func escalate(_ context: TestContext) async throws -> PeerPlansTests.Pair {
        let pair = try await PeerPlansTests.pair(context)
        _ = try await SupervisionTests.link(context, supervisor: "supervisor@demo.alongside.test", worker: "peerworker@demo.alongside.test")
        let concerns = pair.relationshipPath + "/concerns"
        try await pair.worker.get(concerns + "/new")
        let saved = try await pair.worker.post(
            concerns,
            [
                ("noticed", "Said everything feels pointless."), ("peerWants", "To stay home."), ("workerWillDo", "Call tomorrow."),
                ("talkAgainOn", PlanDate.text(context.clock.now.addingTimeInterval(86_400))),
            ])
        let concernPath = try #require(saved.locationPath)
        try await pair.worker.get(concernPath)
        let escalated = try await pair.worker.post(
            concernPath + "/escalate",
            [("met", "on"), ("contacted", "Crisis team"), ("contactedAt", LocalDateTime.text(context.clock.now)), ("why", "Tablets.")])
        #expect(escalated.status == .seeOther)
        return pair
    }

    @Test func anEscalationReachesTheSupervisorByEmailWithoutTheWordsOrTheName() async throws {
        try await withMail { context, transport in
            _ = try await Self.escalate(context)
            #expect(transport.sent.isEmpty, "nothing is sent while the request runs")
            #expect(await OutboxSender.runOnce(context.app) == 1)
            let message = try #require(transport.sent.first)
            #expect(message.to == "supervisor@demo.alongside.test")
            #expect(message.subject == MailKind.escalation.subject)
            #expect(message.body.contains("http://127.0.0.1:8080/concerns/"))
            for secret in ["Tablets", "pointless", "Mereana", "Crisis team", "Sam Okafor"] {
                #expect(!message.body.contains(secret) && !message.subject.contains(secret), "the email holds \(secret)")
            }
            #expect(await OutboxSender.runOnce(context.app) == 0, "sent once")
        }
    }

    @Test func eachPersonChoosesWhichMessagesTheyGet() async throws {
        try await withMail { context, transport in
            try await context.seedDemo()
            let supervisor = try await context.signedInClient("supervisor@demo.alongside.test")
            let page = try await supervisor.get("/account/preferences")
            #expect(page.contains(MailKind.escalation.choiceLabel) && !page.contains(MailKind.correctionAnswered.choiceLabel))
            #expect(try await supervisor.post("/account/preferences", [("timeZone", ""), ("mailChoices", "1")]).status == .seeOther)
            #expect(try await context.account("supervisor@demo.alongside.test").mailOff == "escalation")
            _ = try await Self.escalate(context)
            #expect(await OutboxSender.runOnce(context.app) == 0)
            #expect(transport.sent.isEmpty)
            let again = try await context.signedInClient("supervisor@demo.alongside.test")
            #expect(try await again.get("/inbox").contains("escalated a concern"), "the inbox in the app still has it")
        }
    }

    @Test func twoSendersAtOnceSendEachMessageOnce() async throws {
        try await withMail { context, transport in
            try await context.seedDemo()
            let admin = try await context.demoAccount(.admin)
            for index in 0..<30 {
                try await Outbox.queue(
                    .invite, toAddress: "person\(index)@example.org", accountID: nil, in: admin.$organisation.id,
                    link: "http://x/invite/\(index)",
                    validFor: nil, application: context.app, at: context.clock.now, on: context.db)
            }
            async let first = OutboxSender.runOnce(context.app)
            async let second = OutboxSender.runOnce(context.app)
            async let third = OutboxSender.runOnce(context.app)
            let total = await first + second + third
            #expect(total == 30)
            #expect(Set(transport.sent.map(\.to)).count == 30 && transport.sent.count == 30)
            #expect(try await OutboxMessage.query(on: context.db).filter(\.$sentAt == nil).count() == 0)
        }
    }

    @Test func aFailingServerKeepsTheQueueTriesAgainLaterAndSaysSo() async throws {
        try await withMail { context, transport in
            _ = try await Self.escalate(context)
            transport.fail(times: 2)
            #expect(await OutboxSender.runOnce(context.app) == 0)
            let waiting = try #require(try await OutboxMessage.query(on: context.db).first())
            #expect(waiting.attempts == 1 && waiting.lastError?.contains("451") == true)
            #expect(waiting.sendAfter == context.clock.now.addingTimeInterval(30))
            #expect(await OutboxSender.runOnce(context.app) == 0, "not before its time")
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            let settings = try await coordinator.get("/admin/settings")
            #expect(settings.contains("Sending is failing") && settings.contains("1 waiting"))
            context.clock.advance(by: 31)
            #expect(await OutboxSender.runOnce(context.app) == 0)
            #expect(
                try await OutboxMessage.query(on: context.db).first()?.sendAfter == context.clock.now.addingTimeInterval(60),
                "twice as long")
            context.clock.advance(by: 61)
            #expect(await OutboxSender.runOnce(context.app) == 1)
            #expect(transport.sent.count == 1)
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            let queue = try await admin.get("/admin/mail")
            #expect(queue.contains("supervisor@demo.alongside.test") && queue.contains("Sent "))
            #expect(!queue.contains("/concerns/"), "admins see where and what kind, not the link")
        }
    }

    @Test func aFollowUpComingDueIsRemindedOnce() async throws {
        try await withMail { context, transport in
            _ = try await Self.escalate(context)
            #expect(await OutboxSender.runOnce(context.app) == 1, "the escalation itself")
            let escalation = try #require(try await EscalationRecord.query(on: context.db).first())
            context.clock.advance(by: escalation.followUpDue.timeIntervalSince(context.clock.now) - 3_600)
            #expect(await OutboxSender.runOnce(context.app) == 1)
            #expect(transport.sent.last?.to == "peerworker@demo.alongside.test")
            #expect(transport.sent.last?.subject == MailKind.followUpDue.subject)
            #expect(await OutboxSender.runOnce(context.app) == 0, "once")
        }
    }

    @Test func withoutEmailSettingsNothingIsQueuedAndTheSettingsPageSaysSo() async throws {
        try await withTestApp { context in
            _ = try await Self.escalate(context)
            #expect(try await OutboxMessage.query(on: context.db).count() == 0)
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            #expect(try await coordinator.get("/admin/settings").body.contains("set up (no SMTP settings)"))
            #expect(try await context.client().get("/password/forgot").contains("set up email, so a link can"))
        }
    }
}

@Suite struct PasswordResetTests {
    static func link(in body: String) throws -> String {
        let range = try #require(body.range(of: #"/password/reset/[A-Za-z0-9_-]+"#, options: .regularExpression))
        return String(body[range])
    }

    @Test func aForgottenPasswordIsResetByAnEmailedLinkThatWorksOnce() async throws {
        try await withMail { context, transport in
            try await context.seedDemo()
            let visitor = context.client()
            try await visitor.get("/password/forgot")
            let known = try await visitor.post("/password/forgot", [("email", "PeerWorker@demo.alongside.test")])
            try await visitor.get("/password/forgot")
            let unknown = try await visitor.post("/password/forgot", [("email", "nobody@demo.alongside.test")])
            #expect(known.status == .ok && unknown.status == .ok)
            #expect(known.contains("If that address has an account here") && unknown.contains("If that address has an account here"))
            #expect(await OutboxSender.runOnce(context.app) == 1, "only the real address gets a message")
            let message = try #require(transport.sent.first)
            #expect(message.to == "peerworker@demo.alongside.test" && message.body.contains("for 30 minutes"))
            let path = try Self.link(in: message.body)
            let reader = context.client()
            #expect(try await reader.get(path).contains("Choose a new password"))
            let short = try await reader.post(path, [("password", "short"), ("confirmation", "short")])
            #expect(short.status == .unprocessableEntity)
            let done = try await reader.post(
                path, [("password", "a lighthouse at low tide"), ("confirmation", "a lighthouse at low tide")])
            #expect(done.location == "/home")
            #expect(try await reader.get("/home").contains("Hello, Sam Okafor"))
            #expect(
                try await context.signedInClient("peerworker@demo.alongside.test", password: "a lighthouse at low tide").get("/home").status
                    == .ok)
            let again = try await context.client().get(path)
            #expect(again.status == .gone && again.contains("used already"))
        }
    }

    @Test func aResetPasswordStillAsksForTheSecondFactor() async throws {
        try await withMail { context, transport in
            try await context.seedDemo()
            _ = try await SecondFactorTests.turnOn(try await context.signedInClient("peerworker@demo.alongside.test"), context)
            let visitor = context.client()
            try await visitor.get("/password/forgot")
            _ = try await visitor.post("/password/forgot", [("email", "peerworker@demo.alongside.test")])
            await OutboxSender.runOnce(context.app)
            let path = try Self.link(in: try #require(transport.sent.last).body)
            try await visitor.get(path)
            let done = try await visitor.post(
                path, [("password", "a lighthouse at low tide"), ("confirmation", "a lighthouse at low tide")])
            #expect(done.location == "/login/code", "reading someone's email isn't their second factor")
            #expect(try await visitor.get("/caseload").status != .ok)
        }
    }

    @Test func aLateLinkIsExplainedAndAnUnknownOneIsNotFound() async throws {
        try await withMail { context, transport in
            try await context.seedDemo()
            let visitor = context.client()
            try await visitor.get("/password/forgot")
            _ = try await visitor.post("/password/forgot", [("email", "peer@demo.alongside.test")])
            await OutboxSender.runOnce(context.app)
            let path = try Self.link(in: try #require(transport.sent.first).body)
            let lateReader = context.client()
            #expect(try await lateReader.get(path).contains("Choose a new password"), "the form opened in time")
            context.clock.advance(by: 31 * 60)
            let late = try await context.client().get(path)
            #expect(late.status == .gone && late.contains("has run out"))
            #expect(
                try await lateReader.post(path, [("password", "a lighthouse at low tide"), ("confirmation", "a lighthouse at low tide")])
                    .status == .gone)
            #expect(try await context.client().get("/password/reset/not-a-real-link").status == .notFound)
        }
    }

    @Test func askingAgainAndAgainIsThrottledLikeSigningIn() async throws {
        try await withMail { context, _ in
            try await context.seedDemo()
            let visitor = context.client()
            try await visitor.get("/password/forgot")
            var statuses: [HTTPResponseStatus] = []
            for _ in 0..<12 { statuses.append(try await visitor.post("/password/forgot", [("email", "peer@demo.alongside.test")]).status) }
            #expect(statuses.contains(.tooManyRequests))
            #expect(try await OutboxMessage.query(on: context.db).count() < 12)
        }
    }

    @Test func aSentMessageKeepsNoLinkAndANewPasswordRetiresEveryWaitingLink() async throws {
        try await withMail { context, transport in
            try await context.seedDemo()
            let visitor = context.client()
            try await visitor.get("/password/forgot")
            _ = try await visitor.post("/password/forgot", [("email", "peerworker@demo.alongside.test")])
            try await visitor.get("/password/forgot")
            _ = try await visitor.post("/password/forgot", [("email", "peerworker@demo.alongside.test")])
            #expect(try await PasswordReset.query(on: context.db).count() == 1, "one link in five minutes, however often asked")
            #expect(await OutboxSender.runOnce(context.app) == 1)
            #expect(try await OutboxMessage.query(on: context.db).first()?.body == "", "a sent message keeps no link")
            let path = try PasswordResetTests.link(in: try #require(transport.sent.first).body)
            let worker = try await context.signedInClient("peerworker@demo.alongside.test")
            try await worker.get("/account/password")
            _ = try await worker.post(
                "/account/password",
                [
                    ("current", TestContext.demoPassword), ("password", "a new song for the morning"),
                    ("confirmation", "a new song for the morning"),
                ])
            #expect(try await context.client().get(path).status == .gone, "changing the password retired the link")
        }
    }

    @Test func anEscalationWhoseOnlySupervisorHasLeftReachesTheCoordinators() async throws {
        try await withMail { context, transport in
            _ = try await Self.escalateWithLeftSupervisor(context)
            #expect(await OutboxSender.runOnce(context.app) == 1)
            #expect(transport.sent.first?.to == "coordinator@demo.alongside.test")
        }
    }

    static func escalateWithLeftSupervisor(_ context: TestContext) async throws -> PeerPlansTests.Pair {
        let pair = try await PeerPlansTests.pair(context)
        _ = try await SupervisionTests.link(context, supervisor: "supervisor@demo.alongside.test", worker: "peerworker@demo.alongside.test")
        let priya = try await context.account("supervisor@demo.alongside.test")
        priya.deactivatedAt = context.clock.now
        try await priya.save(on: context.db)
        let worker = try await context.signedInClient("peerworker@demo.alongside.test")
        let concerns = pair.relationshipPath + "/concerns"
        try await worker.get(concerns + "/new")
        let saved = try await worker.post(
            concerns,
            [
                ("noticed", "Quiet."), ("workerWillDo", "Call tomorrow."),
                ("talkAgainOn", PlanDate.text(context.clock.now.addingTimeInterval(86_400))),
            ])
        let concernPath = try #require(saved.locationPath)
        try await worker.get(concernPath)
        _ = try await worker.post(
            concernPath + "/escalate",
            [("met", "on"), ("contacted", "Crisis team"), ("contactedAt", LocalDateTime.text(context.clock.now)), ("why", "Worried.")])
        return pair
    }
}
