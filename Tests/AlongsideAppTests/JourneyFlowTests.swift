import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct JourneyFlowTests {
    /// A peer worker adds a peer through the form; returns the signed-in client and the relationship's path.
    static func addPeer(_ context: TestContext, name: String = "Mereana") async throws -> (TestClient, String) {
        try await context.seedDemo()
        let worker = try await context.signedInClient("peerworker@demo.alongside.test")
        try await worker.get("/peers/new")
        let sam = try await context.demoAccount(.peerWorker)
        let page = try await worker.post(
            "/peers",
            [("preferredName", name), ("pronouns", "she/her"), ("howToReach", "text first"), ("worker", try sam.requireID().uuidString)])
        #expect(page.status == .seeOther)
        return (worker, try #require(page.locationPath))
    }

    /// How many moves the journey at this path has, read from the store.
    static func moves(_ context: TestContext, _ path: String) async throws -> Int {
        let id = try #require(UUID(uuidString: String(path.split(separator: "/").last ?? "")))
        return try await TransitionRecord.query(on: context.db).filter(\.$relationshipID == id).count()
    }

    /// The worker ends the relationship at this path: the peer moved away, the door left open.
    static func end(_ worker: TestClient, _ path: String) async throws {
        let page = try await worker.get(path)
        let ended = try await worker.post(
            path + "/stage",
            [
                ("to", "ended"), ("initiatedBy", "peer"), ("endingKind", "moved_away"), ("nextSteps[]", "door_left_open"),
                ("position", position(page)),
            ])
        #expect(ended.status == .seeOther)
    }

    static func position(_ page: TestClient.Page) -> String {
        guard let range = page.body.range(of: #"name="position" value="[0-9]+""#, options: .regularExpression) else { return "" }
        return String(page.body[range].split(separator: "\"")[3])
    }

    @Test func aPeerWorkerAddsAPeerAndTheRelationshipBeginsWithASafePlace() async throws {
        try await withTestApp { context in
            let (worker, path) = try await Self.addPeer(context)
            let page = try await worker.get(path)
            #expect(page.contains("Mereana (she/her)"))
            #expect(page.contains("Creating a safe place"))
            #expect(try await Self.moves(context, path) == 1)
            #expect(try await context.auditEntries(action: Action.createPeer.rawValue).count == 1)
            #expect(
                try await context.auditEntries(action: Action.viewRelationship.rawValue).count == 1, "reading the relationship is audited")
        }
    }

    @Test func theJourneyMovesForwardAndBackAndKeepsEveryStep() async throws {
        try await withTestApp { context in
            let (worker, path) = try await Self.addPeer(context)
            var page = try await worker.get(path)
            page = try await worker.post(
                path + "/stage", [("to", "working_partnership"), ("initiatedBy", "both"), ("position", Self.position(page))])
            #expect(page.location == path + "?moved=1")
            page = try await worker.get(path)
            page = try await worker.post(
                path + "/stage",
                [
                    ("to", "safe_place"), ("initiatedBy", "peer"), ("reason", "A hard week; we slowed down."),
                    ("position", Self.position(page)),
                ])
            #expect(page.status == .seeOther)
            page = try await worker.get(path)
            #expect(page.contains("1 (stepping back is part of the journey)"))
            #expect(page.contains("<svg class=\"timeline\""))
            #expect(page.contains("stroke-dasharray"), "the step back is drawn")
            #expect(page.contains("now Creating a safe place, 0 conversations, 1 steps back"))
            #expect(page.contains("A hard week; we slowed down."))
            #expect(try await Self.moves(context, path) == 3)

            let caseload = try await worker.get("/caseload")
            #expect(caseload.contains("Mereana"))
            #expect(caseload.contains("Creating a safe place"))
            let filtered = try await worker.get("/caseload?stage=working_partnership")
            #expect(!filtered.contains(">Mereana<"))
        }
    }

    @Test func aPeerWhoComesBackStartsANewRelationshipLinkedToTheEarlierOne() async throws {
        try await withTestApp { context in
            let (worker, path) = try await Self.addPeer(context)
            let sam = try await context.demoAccount(.peerWorker).requireID().uuidString
            var page = try await worker.get(path)
            let early = try await worker.post(path + "/again", [("againWorker", sam), ("againInitiatedBy", "peer")])
            #expect(early.status == .unprocessableEntity)
            #expect(early.contains("This relationship is still going."))
            page = try await worker.post(
                path + "/stage",
                [
                    ("to", "ended"), ("initiatedBy", "peer"), ("endingKind", "moved_away"), ("nextSteps[]", "door_left_open"),
                    ("position", Self.position(page)),
                ])
            #expect(page.status == .seeOther)
            page = try await worker.get(path)
            #expect(page.contains("Start a new relationship with Mereana"))
            let missing = try await worker.post(path + "/again", [("againInitiatedBy", "peer")])
            #expect(missing.contains("Choose the peer worker who will walk alongside Mereana this time."))
            let yourself = try await worker.post(path + "/again", [("againWorker", sam), ("againInitiatedBy", "peer")])
            #expect(yourself.status == .unprocessableEntity, "nobody starts a relationship with themselves")
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            try await coordinator.get(path)
            let again = try await coordinator.post(path + "/again", [("againWorker", sam), ("againInitiatedBy", "peer")])
            let newPath = try #require(again.location)
            #expect(newPath != path)
            let newPage = try await worker.get(newPath)
            #expect(newPage.contains("Before this, from"))
            #expect(newPage.contains("Creating a safe place"))
            let oldPage = try await worker.get(path)
            #expect(oldPage.contains("Started again on"))
            #expect(!oldPage.contains("Start a new relationship with Mereana"), "only one new start from an ending")
            let newID = try #require(UUID(uuidString: String(newPath.split(separator: "/").last ?? "")))
            let linked = try await Relationship.find(newID, on: context.db)
            #expect(linked?.earlierRelationshipID?.uuidString.lowercased() == path.split(separator: "/").last.map(String.init))
        }
    }

    @Test func thePeerGivingPermissionToEnterTheirHeadspaceIsItsOwnEvent() async throws {
        try await withTestApp { context in
            let (worker, path) = try await Self.addPeer(context)
            let page = try await worker.get(path)
            #expect(page.contains("Record when Mereana lets you into their headspace"))
            let future = try await worker.post(
                path + "/headspace", [("headspaceAt", LocalDateTime.text(context.clock.now.addingTimeInterval(86_400)))])
            #expect(future.status == .unprocessableEntity)
            #expect(future.contains("That&#39;s in the future.") || future.contains("That's in the future."))
            let saved = try await worker.post(
                path + "/headspace",
                [("headspaceAt", LocalDateTime.text(context.clock.now)), ("headspaceWords", "You can ask me how I really am.")])
            #expect(saved.status == .seeOther)
            let after = try await worker.get(path)
            #expect(after.contains("Permission to enter their headspace: "))
            #expect(after.contains("You can ask me how I really am."))
            #expect(after.contains("the purple diamond"), "the timeline marks it")
            let again = try await worker.post(path + "/headspace", [("headspaceAt", LocalDateTime.text(context.clock.now))])
            #expect(again.status == .unprocessableEntity)
            #expect(again.contains("This moment is already recorded for this relationship."))
            #expect(try await HeadspaceRecord.query(on: context.db).count() == 1)
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            let seen = try await coordinator.get(path)
            #expect(seen.contains("Permission to enter their headspace: "), "the moment is part of the journey")
            #expect(!seen.contains("You can ask me how I really am."), "their words are not")
            #expect(try await context.auditEntries(action: Action.recordHeadspace.rawValue).count == 1)
        }
    }

    @Test func theCaseloadSortsByRecentMovesByStageAndByQuiet() async throws {
        try await withTestApp { context in
            let (worker, mereana, honeID) = try await GroupConversationTests.twoPeers(context)
            let hone = "/relationships/" + honeID.uuidString.lowercased()
            context.clock.advance(by: 60)
            let page = try await worker.get(hone)
            _ = try await worker.post(
                hone + "/stage", [("to", "working_partnership"), ("initiatedBy", "both"), ("position", Self.position(page))])
            try await worker.get(mereana + "/conversations/new")
            _ = try await worker.post(mereana + "/conversations", ConversationTests.good(context))
            func first(_ path: String) async throws -> String {
                let body = try await worker.get(path).body
                let m = try #require(body.range(of: ">Mereana<")).lowerBound
                let h = try #require(body.range(of: ">Hone<")).lowerBound
                return m < h ? "Mereana" : "Hone"
            }
            #expect(try await first("/caseload") == "Hone", "the most recently moved first")
            #expect(try await first("/caseload?sort=stage") == "Mereana", "creating a safe place before working partnership")
            #expect(
                try await first("/caseload?sort=quiet") == "Mereana",
                "her last conversation was an hour ago; Hone's relationship began a minute ago")
            #expect((try await worker.get("/caseload?sort=stage")).contains("aria-current=\"true\">By stage"))
        }
    }

    @Test func theCaseloadGentlyFlagsAQuietRelationship() async throws {
        try await withTestApp { context in
            let (worker, _) = try await Self.addPeer(context)
            #expect(!(try await worker.get("/caseload")).contains("No conversation noted"))
            context.clock.advance(by: 22 * 86_400)
            let later = try await context.signedInClient("peerworker@demo.alongside.test")
            let caseload = try await later.get("/caseload")
            #expect(caseload.contains("No conversation noted for 22 days"))
            #expect(caseload.contains("None yet"))
        }
    }

    @Test func forbiddenMovesAreExplainedAndNothingIsStored() async throws {
        try await withTestApp { context in
            let (worker, path) = try await Self.addPeer(context)
            var page = try await worker.get(path)
            page = try await worker.post(
                path + "/stage", [("to", "safe_place"), ("initiatedBy", "worker"), ("position", Self.position(page))])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("The relationship is already at"))
            page = try await worker.post(path + "/stage", [("to", "stepping_out"), ("position", "1")])
            #expect(page.contains("Say who moved it"))
            page = try await worker.post(
                path + "/stage",
                [("to", "ended"), ("initiatedBy", "both"), ("reason", String(repeating: "x", count: 501)), ("position", "1")])
            #expect(page.contains("Keep this to 500 characters or fewer"))
            #expect(page.contains(String(repeating: "x", count: 501)), "what was typed is kept")
            #expect(try await Self.moves(context, path) == 1)

            page = try await worker.post(path + "/stage", [("to", "ended"), ("initiatedBy", "peer"), ("position", "1")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("Say how the relationship ended."))
            page = try await worker.post(
                path + "/stage",
                [
                    ("to", "ended"), ("initiatedBy", "peer"), ("position", "1"), ("endingKind", "moved_away"), ("nextSteps[]", "referral"),
                    ("nextSteps[]", "door_left_open"),
                ])
            #expect(page.status == .seeOther)
            let ended = try await worker.get(path)
            #expect(ended.contains("They moved away"))
            #expect(ended.contains("A referral to another service; The door is left open to come back"))
            page = try await worker.post(path + "/stage", [("to", "safe_place"), ("initiatedBy", "peer"), ("position", "2")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("This relationship has ended"))
            #expect(try await Self.moves(context, path) == 2)
        }
    }

    @Test func aStaleMoveShowsTheLatestJourneyAndLosesNothing() async throws {
        try await withTestApp { context in
            let (worker, path) = try await Self.addPeer(context)
            let laptop = try await context.signedInClient("peerworker@demo.alongside.test")
            try await laptop.get(path)
            try await worker.get(path)
            #expect(
                try await worker.post(path + "/stage", [("to", "working_partnership"), ("initiatedBy", "both"), ("position", "1")]).status
                    == .seeOther)
            let stale = try await laptop.post(
                path + "/stage", [("to", "stepping_out"), ("initiatedBy", "both"), ("reason", "Planning the ending"), ("position", "1")])
            #expect(stale.status == .conflict)
            #expect(stale.contains("The stage was changed while you were on this page"))
            #expect(stale.contains("Planning the ending"))
            #expect(try await Self.moves(context, path) == 2)
        }
    }

    @Test func otherWorkersAndOtherOrganisationsFindNothingButCoordinatorsSeeTheJourney() async throws {
        try await withTestApp { context in
            let (_, path) = try await Self.addPeer(context)
            let tama = try await context.signedInClient("tama.wiremu@demo.alongside.test")
            #expect(try await tama.get(path).status == .notFound)
            #expect(
                try await tama.post(path + "/stage", [("to", "ended"), ("initiatedBy", "peer"), ("position", "1")]).status == .notFound)
            let denied = try await context.auditEntries(action: Action.viewRelationship.rawValue).filter { $0.outcome == "denied" }
            #expect(denied.count == 1)

            let outsider = try await context.otherOrganisationAdmin()
            let session = try await context.directSession(for: outsider)
            let stranger = context.client()
            stranger.setCookie(SessionStore.cookieName, session.cookie)
            #expect(try await stranger.get(path).status == .forbidden)

            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            let page = try await coordinator.get(path)
            #expect(page.status == .ok)
            #expect(page.contains("Creating a safe place"))
            #expect(!page.contains("Save the move"), "coordinators see the journey but don't move it")
            #expect(try await Self.moves(context, path) == 1)
        }
    }

    @Test func thePeerFormExplainsProblemsKeepsInputAndEscapesMarkup() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            try await coordinator.get("/peers/new")
            let page = try await coordinator.post(
                "/peers", [("preferredName", " "), ("pronouns", "<b>they</b>"), ("aboutMe", String(repeating: "a", count: 2001))])
            #expect(page.status == .unprocessableEntity)
            #expect(
                page.contains("Enter the name they&#39;d like to be called.") || page.contains("Enter the name they'd like to be called."))
            #expect(page.contains("Keep this to 2000 characters or fewer (it has 2001)."))
            #expect(page.contains("Choose the peer worker who will walk alongside them."))
            #expect(page.contains("value=\"&lt;b&gt;they&lt;/b&gt;\""))
            #expect(!page.contains("<b>they</b>"))
            #expect(try await Peer.query(on: context.db).all().filter { $0.preferredName == "Wiremu" }.isEmpty)
            let before = try await Relationship.query(on: context.db).count()

            let tama = try await context.account("tama.wiremu@demo.alongside.test")
            let done = try await coordinator.post("/peers", [("preferredName", "Wiremu"), ("worker", try tama.requireID().uuidString)])
            #expect(done.status == .seeOther)
            #expect(try await Relationship.query(on: context.db).count() == before + 1)
            let peer = try #require(try await Peer.query(on: context.db).all().first { $0.preferredName == "Wiremu" })
            let relationship = try #require(try await Relationship.query(on: context.db).filter(\.$peerID == peer.requireID()).first())
            #expect(relationship.workerID == tama.id)
        }
    }
}
