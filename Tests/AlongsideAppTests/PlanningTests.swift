import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct PlanningTests {
    static func plan(_ context: TestContext, inHours hours: Double, place: String = "Library café") -> [(String, String)] {
        [
            ("plannedFor", LocalDateTime.text(context.clock.now.addingTimeInterval(hours * 3600))), ("plannedMinutes", "45"),
            ("plannedMode", "in_person"), ("plannedPlace", place),
        ]
    }

    @Test func aPlannedConversationShowsOnTheJourneyTheCaseloadAndThePortal() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context, name: "Mereana Tuhoe")
            try await worker.get(path)
            let saved = try await worker.post(path + "/plans", Self.plan(context, inHours: 48))
            #expect(saved.status == .seeOther)
            let page = try await worker.get(try #require(saved.location))
            #expect(page.contains("The plan is saved."))
            #expect(page.contains("in person, at Library café (45 minutes)"))
            let caseload = try await worker.get("/caseload")
            #expect(caseload.contains(DateText.long(context.clock.now.addingTimeInterval(48 * 3600))))
            #expect(try await context.auditEntries(action: Action.planConversation.rawValue).count == 1)
        }
    }

    @Test func aPlanInThePastIsExplainedKeptAndNotSaved() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context)
            try await worker.get(path)
            let page = try await worker.post(path + "/plans", Self.plan(context, inHours: -2, place: "The park bench"))
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("That&#39;s already passed.") || page.contains("That's already passed."))
            #expect(page.contains("The park bench"), "what was typed is kept")
            #expect(try await PlannedConversation.query(on: context.db).count() == 0)
        }
    }

    @Test func aPlanCanBeCancelledOnlyByTheWorkerInTheRelationship() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context)
            try await worker.get(path)
            _ = try await worker.post(path + "/plans", Self.plan(context, inHours: 24))
            let plan = try #require(try await PlannedConversation.query(on: context.db).first())
            let cancelPath = "/plans/\(try plan.requireID().uuidString.lowercased())/cancel"
            let tama = try await context.signedInClient("tama.wiremu@demo.alongside.test")
            try await tama.get("/home")
            #expect(try await tama.post(cancelPath).status == .notFound)
            #expect(try await worker.post(cancelPath).status == .seeOther)
            #expect(try await PlannedConversation.query(on: context.db).first()?.cancelledAt != nil)
            #expect(!(try await worker.get(path)).contains("Library café (45 minutes)"))
        }
    }

    @Test func theCalendarFeedShowsInitialsAndPlaceAndStopsWhenRevoked() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context, name: "Mereana Tuhoe")
            try await worker.get(path)
            _ = try await worker.post(path + "/plans", Self.plan(context, inHours: 24))
            try await worker.get("/account/calendar")
            let made = try await worker.post("/account/calendar")
            let range = try #require(made.body.range(of: #"/calendar/[A-Za-z0-9_-]+\.ics"#, options: .regularExpression))
            let feedPath = String(made.body[range])

            let phone = context.client()
            let feed = try await phone.get(feedPath)
            #expect(feed.status == .ok)
            #expect(feed.headers.first(name: .contentType)?.hasPrefix("text/calendar") == true)
            #expect(feed.contains("SUMMARY:Conversation with M. T."))
            #expect(feed.contains("LOCATION:Library café"))
            #expect(!feed.contains("Mereana"), "never a peer's name")

            // A new address replaces the old one; revoking stops it.
            let again = try await worker.post("/account/calendar")
            #expect(again.status == .ok)
            #expect(try await phone.get(feedPath).status == .notFound)
            let newRange = try #require(again.body.range(of: #"/calendar/[A-Za-z0-9_-]+\.ics"#, options: .regularExpression))
            let newPath = String(again.body[newRange])
            #expect(try await phone.get(newPath).status == .ok)
            #expect(try await worker.post("/account/calendar/revoke").status == .seeOther)
            #expect(try await phone.get(newPath).status == .notFound)
        }
    }
}
