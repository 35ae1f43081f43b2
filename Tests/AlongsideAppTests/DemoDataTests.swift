import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct DemoDataTests {
    @Test func theDemoHasOneAccountPerRoleAndRunningItAgainRefreshesRatherThanDuplicates() async throws {
        try await withTestApp { context in
            let first = try await context.seedDemo(journeys: true)
            #expect(first.created == DemoData.people.count)
            for role in Role.allCases {
                let account = try await context.demoAccount(role)
                #expect(
                    try await AccountQueries.roles(of: account.requireID(), organisationID: account.$organisation.id, on: context.db) == [
                        role
                    ])
            }
            let second = try await context.seedDemo(journeys: true)
            #expect(second.created == 0 && second.refreshed == DemoData.people.count)
            #expect(try await Peer.query(on: context.db).count() == DemoJourneys.peerNames.count)
        }
    }

    @Test func demoJourneysCoverEveryStageStepBacksAndBothKindsOfEnding() async throws {
        try await withTestApp { context in
            let result = try await context.seedDemo(journeys: true)
            let records = try await TransitionRecord.query(on: context.db).filter(\.$organisationID == result.organisationID).all()
            let journeys = Dictionary(grouping: records, by: \.relationshipID).values.map { Journey($0.compactMap(\.transition)) }
            let current = Set(journeys.compactMap(\.currentStage))
            #expect(current == Set(Stage.allCases))
            #expect(journeys.contains { $0.stepBacks > 0 })
            let endings = records.filter { $0.toStage == Stage.ended.rawValue }.map(\.reason)
            #expect(endings.contains { $0.contains("planned") } && endings.contains { $0.contains("Lost contact") })
            let recorded = try await EndingRecord.query(on: context.db).all().compactMap(\.ending)
            #expect(recorded.contains { $0.kind.isPlanned } && recorded.contains { !$0.kind.isPlanned })
            let conversations = try await Conversation.query(on: context.db).all()
            #expect(conversations.count > 200)
            let span = (conversations.map(\.occurredAt).max() ?? .distantPast).timeIntervalSince(
                conversations.map(\.occurredAt).min() ?? .distantFuture)
            #expect(span > 180 * 86_400, "conversations spread over months")
            #expect(conversations.allSatisfy { $0.occurredAt <= context.clock.now })
        }
    }

    @Test func demoPeersHavePlansCheckInsAndConcernsOneOfThemEscalated() async throws {
        try await withTestApp { context in
            let result = try await context.seedDemo(journeys: true)
            let organisation = result.organisationID
            #expect(try await TowardsPlan.query(on: context.db).filter(\.$organisationID == organisation).count() > 5)
            let safety = try await SafetyPlan.query(on: context.db).filter(\.$organisationID == organisation).all()
            #expect(safety.contains(where: \.isAgreed) && safety.contains(where: { !$0.isAgreed }), "some agreed, some drafts")
            let checkIns = try await CheckInRecord.query(on: context.db).filter(\.$organisationID == organisation).all()
            #expect(Set(checkIns.map(\.respondent)) == ["peer", "worker"])
            #expect(try await ConcernRecord.query(on: context.db).filter(\.$organisationID == organisation).count() == 3)
            #expect(try await EscalationRecord.query(on: context.db).filter(\.$organisationID == organisation).count() == 1)
            let priya = try await context.account("supervisor@demo.alongside.test")
            #expect(try await InboxNotification.query(on: context.db).filter(\.$accountID == priya.requireID()).count() == 1)
            #expect(try await Organisation.find(organisation, on: context.db)?.crisisLines.isEmpty == false)
            // Running the demo again adds nothing twice.
            _ = try await context.seedDemo(journeys: true)
            #expect(try await ConcernRecord.query(on: context.db).filter(\.$organisationID == organisation).count() == 3)
        }
    }
}

@Suite struct DemoBesideRealDataTests {
    @Test func refreshingTheDemoEndsTheSessionsItsOldPasswordsOpened() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let worker = try await context.signedInClient("peerworker@demo.alongside.test")
            #expect(try await worker.get("/caseload").status == .ok)
            try await context.seedDemo()
            #expect(try await worker.get("/caseload").location?.hasPrefix("/login") == true)
        }
    }

    @Test func whereOnlyTheDemoIsSetUpSetupSaysWhyInsteadOfVanishing() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let page = try await context.client().get("/setup")
            #expect(page.status == .conflict)
            #expect(page.contains("This folder holds the demo") && page.contains("ALONGSIDE_DATA_DIR"))
            _ = try await context.otherOrganisationAdmin()
            #expect(try await context.client().get("/setup").status == .notFound, "a real service: setup is simply gone")
        }
    }
}

@Suite struct SetupNameTests {
    @Test func aRealServiceCantTakeTheDemosName() async throws {
        try await withTestApp { context in
            let client = context.client()
            try await client.get("/setup")
            let page = try await client.post(
                "/setup",
                [
                    ("organisation", "demo peer service"), ("name", "Ana Lee"), ("email", "ana@example.org"),
                    ("password", "quiet morning walks"), ("confirmation", "quiet morning walks"),
                ])
            #expect(page.status == .unprocessableEntity && page.contains("the name of the demo organisation"))
        }
    }
}
