import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

/// Times are typed and read in the service's zone (or a person's own), stored in UTC, and days
/// are local days, across a daylight-saving change, on SQLite and on PostgreSQL alike.
@Suite struct LocalTimeTests {
    static func inAuckland(_ context: TestContext) async throws {
        for organisation in try await Organisation.query(on: context.db).all() {
            organisation.timeZone = "Pacific/Auckland"
            try await organisation.save(on: context.db)
        }
    }

    static func note(at local: String) -> [(String, String)] {
        [
            ("occurredAt", local), ("minutes", "30"), ("mode", "phone"), ("place", ""), ("reachedOut", "peer"),
            ("sharedNote", "We talked on the phone."),
        ]
    }

    @Test func aConversationOnTheNightTheClocksGoForwardIsTypedAndShownInLocalTime() async throws {
        try await withTestApp { context in
            // The test clock starts on 21 September 2026; New Zealand's clocks go forward early on 27 September.
            let (_, path) = try await JourneyFlowTests.addPeer(context)
            try await Self.inAuckland(context)
            context.clock.advance(by: 7 * 86_400)
            let worker = try await context.signedInClient("peerworker@demo.alongside.test")
            let form = try await worker.get(path + "/conversations/new")
            #expect(form.contains("on Pacific/Auckland time"))

            let skipped = try await worker.post(path + "/conversations", Self.note(at: "2026-09-27T02:30"))
            #expect(skipped.status == .unprocessableEntity)
            #expect(skipped.contains("the clocks went forward from 02:00 to 03:00"))
            #expect(skipped.contains("We talked on the phone."), "what was typed is kept")
            #expect(try await Conversation.query(on: context.db).count() == 0)

            #expect(try await worker.post(path + "/conversations", Self.note(at: "2026-09-27T01:30")).status == .seeOther)
            #expect(try await worker.post(path + "/conversations", Self.note(at: "2026-09-27T03:30")).status == .seeOther)
            let stored = try await Conversation.query(on: context.db).sort(\.$occurredAt).all().map(\.occurredAt)
            #expect(stored == [CivilTime.parse("2026-09-26T13:30")!, CivilTime.parse("2026-09-26T14:30")!], "an hour apart in UTC")
            let page = try await worker.get(path)
            #expect(page.contains("27 September 2026 at 01:30") && page.contains("27 September 2026 at 03:30"))
        }
    }

    @Test func aTimeThatHappenedTwiceIsRefusedWithWhy() async throws {
        try await withTestApp { context in
            let (_, path) = try await JourneyFlowTests.addPeer(context)
            try await Self.inAuckland(context)
            // New Zealand's clocks go back at 03:00 on Sunday 4 April 2027.
            context.clock.advance(by: CivilTime.parse("2027-04-05T00:00")!.timeIntervalSince(context.clock.now))
            let worker = try await context.signedInClient("peerworker@demo.alongside.test")
            let page = try await worker.post(path + "/conversations", Self.note(at: "2027-04-04T02:30"))
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("02:30 happened twice on Sunday 4 April 2027 in Pacific/Auckland"))
            #expect(try await Conversation.query(on: context.db).count() == 0)
        }
    }

    @Test func todayIsTheWorkersLocalDay() async throws {
        try await withTestApp { context in
            let (_, path) = try await JourneyFlowTests.addPeer(context, name: "Aroha")
            try await Self.inAuckland(context)
            // 10:00 UTC on 28 September is 23:00 in Auckland: a plan for 08:00 tomorrow there is
            // 19:00 UTC today, and belongs under "later this week", not "today".
            context.clock.advance(by: CivilTime.parse("2026-09-28T10:00")!.timeIntervalSince(context.clock.now))
            let worker = try await context.signedInClient("peerworker@demo.alongside.test")
            let planned = try await worker.post(
                path + "/plans",
                [("plannedFor", "2026-09-29T08:00"), ("plannedMinutes", "45"), ("plannedMode", "in_person"), ("plannedPlace", "Library")])
            #expect(planned.status == .seeOther)
            #expect(try await PlannedConversation.query(on: context.db).first()?.startsAt == CivilTime.parse("2026-09-28T19:00")!)
            let home = try await worker.get("/home")
            #expect(home.contains("Today, Monday 28 September 2026"))
            #expect(home.contains("No conversations planned for today."))
            let later = try #require(home.body.range(of: "Later this week"))
            #expect(home.body[later.upperBound...].contains("29 September 2026 at 08:00"))
        }
    }

    @Test func aPersonMayChooseTheirOwnZoneAndOnlyARealOne() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context)
            try await Self.inAuckland(context)
            _ = try await worker.post(
                path + "/conversations",
                Self.note(
                    at: LocalTime.fieldText(context.clock.now.addingTimeInterval(-3600), zone: ZoneCatalog.rules(for: "Pacific/Auckland")!))
            )
            try await worker.get("/account/preferences")
            let refused = try await worker.post("/account/preferences", [("timeZone", "Atlantis/Capital")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.contains("Choose a time zone from the list"))
            let saved = try await worker.post("/account/preferences", [("timeZone", "Europe/London")])
            #expect(saved.status == .seeOther)
            let note = try #require(try await Conversation.query(on: context.db).first())
            let london = ZoneCatalog.rules(for: "Europe/London")!
            #expect(try await worker.get(path).contains(london.civil(note.occurredAt).longText))
            #expect(try await context.auditEntries(action: Action.changeOwnPreferences.rawValue).count == 1)
            // Back to the service's zone.
            #expect(try await worker.post("/account/preferences", [("timeZone", "")]).status == .seeOther)
            #expect(try await worker.get(path).contains(ZoneCatalog.rules(for: "Pacific/Auckland")!.civil(note.occurredAt).longText))
        }
    }

    @Test func theServiceChoosesItsZoneInSettings() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            #expect(try await coordinator.get("/admin/settings").contains("Pacific/Auckland"), "every zone is offered")
            let refused = try await coordinator.post("/admin/settings", [("timeZone", "Nowhere/Else"), ("quietDays", "21")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.contains("Choose a time zone from the list"))
            #expect(try await Organisation.query(on: context.db).all().allSatisfy { $0.timeZone == "UTC" }, "nothing saved partially")
            let saved = try await coordinator.post("/admin/settings", [("timeZone", "Australia/Sydney"), ("quietDays", "14")])
            #expect(saved.status == .seeOther)
            let organisation = try #require(
                try await Organisation.find(try await context.demoAccount(.coordinator).$organisation.id, on: context.db))
            #expect(organisation.timeZone == "Australia/Sydney" && organisation.quietDays == 14)
        }
    }
}
