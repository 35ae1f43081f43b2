import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct SearchTests {
    @Test func aPeerIsFoundWhateverTheAccentsOrCapitals() async throws {
        try await withTestApp { context in
            let (worker, _) = try await JourneyFlowTests.addPeer(context, name: "Mereana Tūhoe")
            for typed in ["mereana", "TUHOE", "tūhoe", "Mereana Tu", "  mereana   tuhoe "] {
                let page = try await worker.get("/search?q=" + (typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                #expect(page.status == .ok)
                #expect(page.contains(">Mereana Tūhoe</a>"), "searching \(typed)")
            }
            #expect(try await worker.get("/search?q=nobody").contains("Nobody found by that name."))
            #expect(try await context.auditEntries(action: Action.searchPeers.rawValue).count == 6)
        }
    }

    @Test func aWorkerFindsOnlyTheirOwnPeersAndACoordinatorAnyone() async throws {
        try await withTestApp { context in
            let (_, _) = try await JourneyFlowTests.addPeer(context, name: "Zanele Okoro")
            let tama = try await context.signedInClient("tama.wiremu@demo.alongside.test")
            #expect(try await tama.get("/search?q=zanele").contains("Nobody found by that name."))
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            let found = try await coordinator.get("/search?q=zanele")
            #expect(found.contains(">Zanele Okoro</a>") && found.contains("with Sam Okafor"))
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            #expect(try await admin.get("/search?q=zanele").status.code >= 400, "an admin reads nobody's record")
        }
    }

    @Test func aHugeOrHostileSearchIsExplainedNeverAnError() async throws {
        try await withTestApp { context in
            let (worker, _) = try await JourneyFlowTests.addPeer(context, name: "Ana 100% Real_Name")
            let long = try await worker.get("/search?q=" + String(repeating: "a", count: 10_000))
            #expect(long.status == .unprocessableEntity)
            #expect(long.contains("Search for a name of up to 100 characters"))
            let markup = try await worker.get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            #expect(markup.status == .ok && !markup.contains("<script>alert(1)") && markup.contains("&lt;script&gt;"))
            // Wildcards are letters like any other: "%" finds only names with a "%" in them.
            let percent = try await worker.get("/search?q=0%25%20r")
            #expect(percent.contains("Ana 100% Real_Name") && !percent.contains(">Mereana"))
            #expect(try await worker.get("/search?q=e_l").contains("Nobody found by that name."), "an underscore is only an underscore")
            #expect(try await worker.get("/search?q=%27%20OR%201%3D1%20--").contains("Nobody found by that name."))
        }
    }

    @Test func everyPeersSearchKeyIsKeptInStepWithTheirName() async throws {
        try await withTestApp { context in
            try await context.seedDemo(journeys: true)
            _ = try await JourneyFlowTests.addPeer(context, name: "Søren Ærø")
            let peers = try await Peer.query(on: context.db).all()
            #expect(peers.count > 5)
            for peer in peers { #expect(peer.searchKey == SearchIndex.column(forName: peer.preferredName), "\(peer.preferredName)") }
            #expect(SearchKey.fold("Søren Ærø") == "soren aero")
        }
    }
}

@Suite struct LandingTests {
    /// Writes `count` short phone calls straight into the relationship at `path`, newest first,
    /// for pages that list conversations a few at a time.
    static func noteCalls(
        _ count: Int, at path: String, minutesApart: Double, startingMinutesAgo: Double = 10, _ context: TestContext
    ) async throws {
        let relationshipID = try #require(UUID(uuidString: String(path.split(separator: "/").last!)))
        let relationship = try #require(try await Relationship.find(relationshipID, on: context.db))
        let worker = try await context.demoAccount(.peerWorker)
        for index in 0..<count {
            let at = context.clock.now.addingTimeInterval(-(startingMinutesAgo + Double(index) * minutesApart) * 60)
            let draft = try ConversationDraft.parse(
                .init(
                    occurredAt: LocalDateTime.text(at), minutes: "30", mode: "phone", place: "", reachedOut: "peer",
                    sharedNote: "Call \(index).", privateReflection: "", forSupervision: false, reflections: [:], livedExperience: ""),
                relationshipBegan: relationship.startedAt, now: context.clock.now
            ).get()
            try await Conversation(
                relationship: relationship, draft: draft, writtenBy: try worker.requireID(), writtenAt: context.clock.now
            )
            .create(on: context.db)
        }
    }

    @Test func eachRoleLandsOnItsWork() async throws {
        try await withTestApp { context in
            try await context.seedDemo(journeys: true)
            let worker = try await context.signedInClient("peerworker@demo.alongside.test")
            let today = try await worker.get("/home")
            #expect(today.contains("Today, ") && today.contains("Later this week") && today.contains("Everyone you walk alongside"))
            #expect(today.contains(">Write a note<"))
            #expect(!today.contains("Show my work as"), "one role, nothing to switch")

            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            let tama = try await context.account("tama.wiremu@demo.alongside.test")
            try await coordinator.get("/peers/new")
            _ = try await coordinator.post("/peers", [("preferredName", "Wiremu"), ("worker", try tama.requireID().uuidString)])
            tama.deactivatedAt = context.clock.now
            try await tama.save(on: context.db)
            let overview = try await coordinator.get("/home")
            #expect(overview.contains("Relationships by stage") && overview.contains("Waiting to be handed over"))
            #expect(overview.contains("relationships with Tama Wiremu, who has left"), "a worker who left with open relationships")

            let supervisor = try await context.signedInClient("supervisor@demo.alongside.test")
            #expect(try await supervisor.get("/home").contains("The peer workers you supervise"))

            let admin = try await context.signedInClient("admin@demo.alongside.test")
            #expect(try await admin.get("/home").contains("Accounts at a glance"))

            let peer = try await context.signedInClient("peer@demo.alongside.test")
            let journey = try await peer.get("/home")
            #expect(journey.contains("Your safety plan") && journey.contains("Your moving-towards plan"))
        }
    }

    @Test func someoneWithSeveralRolesSwitchesInOneTapAndItIsRemembered() async throws {
        try await withTestApp { context in
            try await context.seedDemo(journeys: true)
            let lee = try await context.signedInClient("lee.fairweather@demo.alongside.test")
            let first = try await lee.get("/home")
            #expect(first.contains("Show my work as") && first.contains("Everyone you walk alongside"))
            let switched = try await lee.post("/home/role", [("role", "supervisor")])
            #expect(switched.location == "/home")
            #expect(try await lee.get("/home").contains("The peer workers you supervise"))
            // Remembered at the next sign-in.
            let again = try await context.signedInClient("lee.fairweather@demo.alongside.test")
            #expect(try await again.get("/home").contains("The peer workers you supervise"))
            // A role one doesn't hold changes nothing.
            _ = try await lee.post("/home/role", [("role", "admin")])
            #expect(try await context.account("lee.fairweather@demo.alongside.test").landingRole == "supervisor")
            #expect(try await context.auditEntries(action: Action.chooseLanding.rawValue).count == 1)
        }
    }

    @Test func theRelationshipPagePutsTheNoteFirstAndListsConversationsTwentyAtATime() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context)
            let added = try await worker.get(path + "?added=1")
            #expect(added.contains("Mereana is added, and your relationship has begun"))
            try await LandingTests.noteCalls(45, at: path, minutesApart: 10, context)
            let page = try await worker.get(path)
            let top = try #require(page.body.range(of: ">Write a note<"))
            let stage = try #require(page.body.range(of: "Stage now"))
            #expect(top.lowerBound < stage.lowerBound, "write a note comes before everything else")
            #expect(page.contains("Showing the newest 20 of 45.") && page.contains("Show 20 older"))
            #expect(page.body.components(separatedBy: "/conversations/").count - 1 >= 20)
            let more = try await worker.get(path + "?shown=40")
            #expect(more.contains("Showing the newest 40 of 45.") && more.contains("Show 5 older"))
            let all = try await worker.get(path + "?shown=60")
            #expect(!all.contains("older</a>"))
        }
    }
}

@Suite struct SmallerThingsTests {
    @Test func aWorkerPutsACommentAsideFromTheirHomeAndItStaysOnTheNote() async throws {
        try await withTestApp { context in
            let pair = try await PeerPlansTests.pair(context)
            try await pair.peer.get("/my")
            let noteID = String(pair.notePath.split(separator: "/").last!)
            try await pair.peer.get("/my/notes/\(noteID)")
            _ = try await pair.peer.post("/my/notes/\(noteID)/comments", [("comment", "Thank you for walking with me.")])
            let worker = try await context.signedInClient("peerworker@demo.alongside.test")
            let home = try await worker.get("/home")
            #expect(home.contains("Mereana commented on a note") && home.contains(">Put aside<"))
            let response = try #require(try await NoteResponse.query(on: context.db).first())
            let dismissed = try await worker.post(
                "/conversations/\(noteID)/responses/\(try response.requireID().uuidString.lowercased())/dismiss")
            #expect(dismissed.location == "/home")
            #expect(!(try await worker.get("/home")).contains("Mereana commented on a note"))
            #expect(try await worker.get(pair.notePath).contains("Thank you for walking with me."), "it stays on the note")
            let tama = try await context.signedInClient("tama.wiremu@demo.alongside.test")
            try await tama.get("/home")
            #expect(
                try await tama.post("/conversations/\(noteID)/responses/\(try response.requireID().uuidString.lowercased())/dismiss").status
                    == .notFound)
        }
    }

    @Test func thePlainTextPlanIsAReadablePageWithTheFileOneTapAway() async throws {
        try await withTestApp { context in
            let pair = try await PeerPlansTests.pair(context)
            let plan = pair.relationshipPath + "/safety-plan"
            try await pair.peer.get(plan)
            _ = try await pair.peer.post(plan, [("version", "0"), PeerPlansTests.section(.people, "Ana: 07700 900123")])
            let page = try await pair.peer.get(plan + "/text")
            #expect(page.headers.contentType == .html)
            #expect(page.contains("Your safety plan as text") && page.contains("data-copy=\"plan-text\"") && page.contains("07700 900123"))
            let file = try await pair.peer.get(plan + "/text?download=1")
            #expect(file.headers.first(name: .contentType)?.hasPrefix("text/plain") == true)
            #expect(file.headers.first(name: .contentDisposition)?.contains("attachment") == true && file.contains("07700 900123"))
        }
    }

    @Test func aPeersOwnRecordListsNotesTwentyAtATime() async throws {
        try await withTestApp { context in
            let pair = try await PeerPlansTests.pair(context)
            try await LandingTests.noteCalls(24, at: pair.relationshipPath, minutesApart: 10, startingMinutesAgo: 20, context)
            let page = try await pair.peer.get("/my")
            #expect(page.contains("Showing the newest 20 of 25.") && page.contains("Show 5 older"))
            #expect(!(try await pair.peer.get("/my?shown=40")).contains("Showing the newest"))
        }
    }
}
