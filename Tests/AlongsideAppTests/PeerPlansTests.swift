import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

/// The plans a peer owns: written in the portal or with their worker, agreed only by the peer,
/// every version kept, and nobody else reading them.
@Suite struct PeerPlansTests {
    struct Pair {
        let worker: TestClient
        let peer: TestClient
        let relationshipPath: String
        let notePath: String
    }

    /// Sam adds Mereana, writes a note, and Mereana joins with her own login.
    static func pair(_ context: TestContext) async throws -> Pair {
        let (worker, path) = try await JourneyFlowTests.addPeer(context)
        try await worker.get(path + "/conversations/new")
        let saved = try await worker.post(path + "/conversations", ConversationTests.good(context, note: "We walked to the beach."))
        let notePath = try #require(saved.location?.split(separator: "?").first.map(String.init))
        try await worker.get(path)
        let invited = try await worker.post(path + "/portal-invite", [("portalEmail", "mereana@example.org")])
        let range = try #require(invited.body.range(of: #"/invite/[A-Za-z0-9_-]+"#, options: .regularExpression))
        let peer = context.client()
        try await peer.get(String(invited.body[range]))
        let accepted = try await peer.post(
            String(invited.body[range]),
            [
                ("code", try #require(PortalTests.linkCode(in: invited))), ("name", "Mereana"), ("password", "tide pools at dawn"),
                ("confirmation", "tide pools at dawn"),
            ])
        #expect(accepted.status == .seeOther)
        return Pair(worker: worker, peer: peer, relationshipPath: path, notePath: notePath)
    }

    static func section(_ section: SafetyPlanSection, _ text: String) -> (String, String) { (section.field, text) }

    @Test func aPeerWritesTheirSafetyPlanAndOnlyTheyCanMarkItAgreed() async throws {
        try await withTestApp { context in
            let pair = try await Self.pair(context)
            let plan = pair.relationshipPath + "/safety-plan"
            try await pair.peer.get(plan)
            let empty = try await pair.peer.post(plan + "/agree", [("version", "0")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.contains("There&#39;s nothing in the plan yet") || empty.contains("There's nothing in the plan yet"))

            let saved = try await pair.peer.post(
                plan, [("version", "0"), Self.section(.keepsMeWell, "Walking by the sea"), Self.section(.pleaseDont, "Don't rush me")])
            #expect(saved.status == .seeOther)
            let page = try await pair.peer.get(plan)
            #expect(page.contains("Draft: you haven"))

            // The worker can't say it's the peer's plan on their own.
            try await pair.worker.get(plan)
            let alone = try await pair.worker.post(plan + "/agree", [("version", "1")])
            #expect(alone.status == .unprocessableEntity)
            #expect(alone.contains("Only the peer can say this is their plan"))

            let agreed = try await pair.peer.post(plan + "/agree", [("version", "1")])
            #expect(agreed.status == .seeOther)
            #expect(try await pair.peer.get(plan).contains("Agreed: you marked this as your plan"), "said to the peer as you")
            #expect(try await pair.worker.get(plan).contains("Agreed: Mereana marked this as their plan"))

            // A change afterwards is a draft until Mereana says so again, and both versions are kept.
            try await pair.worker.get(plan)
            let changed = try await pair.worker.post(
                plan, [("version", "1"), Self.section(.keepsMeWell, "Walking by the sea, and cooking"), Self.section(.pleaseDont, "")])
            #expect(changed.status == .seeOther)
            #expect(try await pair.peer.get(plan).contains("Draft: changed since you agreed it"))
            let stored = try #require(try await SafetyPlan.query(on: context.db).first())
            #expect(stored.version == 2 && stored.agreedVersion == 1)
            #expect(try await SafetyPlanVersion.query(on: context.db).count() == 2)
            let history = try await pair.peer.get(plan + "/history")
            #expect(history.contains("Version 2") && history.contains("the version marked as agreed"))
            #expect(history.contains("Changed: What keeps me well; What I") && history.contains("like people not to do"))
            #expect(try await pair.worker.get("/inbox").contains("Mereana changed the wellness and safety plan."))
        }
    }

    @Test func twoPeopleSavingTheSafetyPlanAtOnceLoseNothing() async throws {
        try await withTestApp { context in
            let pair = try await Self.pair(context)
            let plan = pair.relationshipPath + "/safety-plan"
            try await pair.peer.get(plan)
            try await pair.worker.get(plan)
            let first = try await pair.peer.post(plan, [("version", "0"), Self.section(.places, "The library")])
            #expect(first.status == .seeOther)
            let second = try await pair.worker.post(plan, [("version", "0"), Self.section(.places, "The park <b>by</b> the river")])
            #expect(second.status == .conflict)
            #expect(second.contains("saved the plan while you were writing"))
            #expect(second.contains("The library"), "the version saved meanwhile is shown")
            #expect(second.contains("The park &lt;b&gt;by&lt;/b&gt; the river"), "the writer's words are kept, shown as text")
            #expect(try await SafetyPlan.query(on: context.db).first()?.sections[.places] == "The library")
            // Saving again, knowingly, makes theirs the newest version; the other is still in the history.
            let again = try await pair.worker.post(plan, [("version", "1"), Self.section(.places, "The park by the river")])
            #expect(again.status == .seeOther)
            #expect(try await SafetyPlanVersion.query(on: context.db).count() == 2)
        }
    }

    @Test func aSectionTooLongForTheCardIsRefusedWithTheWordsKept() async throws {
        try await withTestApp { context in
            let pair = try await Self.pair(context)
            let plan = pair.relationshipPath + "/safety-plan"
            try await pair.peer.get(plan)
            let long = String(repeating: "calm ", count: 100)
            let page = try await pair.peer.post(plan, [("version", "0"), Self.section(.feelSafe, long), Self.section(.reasons, "My cat")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("so the plan fits on one printed card"))
            #expect(page.contains("My cat"))
            #expect(try await SafetyPlan.query(on: context.db).count() == 0, "nothing is saved partially")
        }
    }

    @Test func safetyPlanReadsAreAuditedAndNobodyElseReadsThem() async throws {
        try await withTestApp { context in
            let pair = try await Self.pair(context)
            let plan = pair.relationshipPath + "/safety-plan"
            try await pair.peer.get(plan)
            _ = try await pair.peer.post(plan, [("version", "0"), Self.section(.people, "Ana: 07700 900123")])
            try await pair.worker.get(plan + "/card")
            try await pair.peer.get(plan + "/text")
            let reads = try await context.auditEntries(action: Action.viewSafetyPlan.rawValue)
            #expect(reads.filter { $0.outcome == "success" }.count >= 3)
            // A save refused with the plan shown again is a read too.
            let tooLong = try await pair.peer.post(plan, [("version", "1"), Self.section(.people, String(repeating: "a", count: 401))])
            #expect(tooLong.status == .unprocessableEntity)
            let again = try await context.auditEntries(action: Action.viewSafetyPlan.rawValue)
            #expect(again.contains { $0.detail == "plan, shown again with a problem" })

            _ = try await SupervisionTests.link(
                context, supervisor: "supervisor@demo.alongside.test", worker: "peerworker@demo.alongside.test")
            for email in ["supervisor@demo.alongside.test", "coordinator@demo.alongside.test", "tama.wiremu@demo.alongside.test"] {
                let other = try await context.signedInClient(email)
                let page = try await other.get(plan)
                #expect(page.status == .forbidden || page.status == .notFound, "\(email) answered \(page.status)")
                #expect(!page.contains("07700 900123"))
            }
        }
    }

    @Test func onceTheRelationshipHasEndedItsWorkerNoLongerReachesThePeersPlans() async throws {
        try await withTestApp { context in
            let pair = try await Self.pair(context)
            let plan = pair.relationshipPath + "/safety-plan"
            try await pair.peer.get(plan)
            let saved = try await pair.peer.post(plan, [Self.section(.keepsMeWell, "Sea swims."), ("version", "0")])
            #expect(saved.status == .seeOther)
            #expect(try await pair.worker.get(plan).status == .ok)
            let page = try await pair.worker.get(pair.relationshipPath)
            let ended = try await pair.worker.post(
                pair.relationshipPath + "/stage",
                [
                    ("to", "ended"), ("initiatedBy", "peer"), ("endingKind", "moved_away"), ("nextSteps[]", "door_left_open"),
                    ("position", JourneyFlowTests.position(page)),
                ])
            #expect(ended.status == .seeOther)
            for path in [plan, plan + "/card", pair.relationshipPath + "/towards", pair.relationshipPath + "/concerns/new"] {
                #expect(try await pair.worker.get(path).status == .notFound, "\(path)")
            }
            #expect(!(try await pair.worker.get(pair.relationshipPath)).contains("Wellness and safety plan"))
            // The plan is still the peer's, and changing it no longer tells the former worker.
            let before = try await InboxNotification.query(on: context.db).count()
            let edited = try await pair.peer.get(plan)
            #expect(edited.status == .ok)
            let again = try await pair.peer.post(
                plan, [Self.section(.keepsMeWell, "Sea swims, and the library."), ("version", "1")])
            #expect(again.status == .seeOther)
            #expect(try await InboxNotification.query(on: context.db).count() == before)
        }
    }

    @Test func theMovingTowardsPlanKeepsEveryChangeAndShowsWhatChangedSinceYouLooked() async throws {
        try await withTestApp { context in
            let pair = try await Self.pair(context)
            let towards = pair.relationshipPath + "/towards"
            try await pair.worker.get(towards)
            _ = try await pair.worker.post(towards + "/vision", [("version", "0"), ("vision", "A home of my own.")])
            context.clock.advance(by: 60)
            try await pair.peer.get(towards)
            let early = try await pair.peer.post(
                towards + "/steps", [("stepText", "Call the college"), ("stepTaker", "peer"), ("stepByWhen", "2001-01-01")])
            #expect(early.status == .unprocessableEntity)
            #expect(early.contains("before this plan began"))
            #expect(early.contains("Call the college"))
            let step = try await pair.peer.post(towards + "/steps", [("stepText", "Call the college"), ("stepTaker", "peer")])
            #expect(step.status == .seeOther)
            let look = try await pair.worker.get(towards)
            #expect(look.contains("Changed since you last looked"))
            #expect(look.contains("Added a step: “Call the college”"))
            #expect(!look.contains("overdue") || look.contains("nothing here is ever overdue"))
            #expect(try await PlanChange.query(on: context.db).count() == 2)
            // Looking again: nothing new since. What the worker adds waits for Mereana to see it.
            context.clock.advance(by: 60)
            #expect(!(try await pair.worker.get(towards)).contains("Changed since you last looked"))
            try await pair.worker.get(towards)
            _ = try await pair.worker.post(towards + "/learnings", [("learning", "Small calls first.")])
            #expect(try await pair.worker.get(towards).contains("Not yet seen by Mereana"))
            context.clock.advance(by: 60)
            let peerLook = try await pair.peer.get(towards)
            #expect(peerLook.contains("Changed since you last looked") && peerLook.contains("Added to what we learned"))
            #expect(!(try await pair.worker.get(towards)).contains("Not yet seen by Mereana"))
        }
    }

    @Test func twoPeopleChangingTheVisionAtOnceSeeBothVersions() async throws {
        try await withTestApp { context in
            let pair = try await Self.pair(context)
            let towards = pair.relationshipPath + "/towards"
            try await pair.worker.get(towards)
            try await pair.peer.get(towards)
            #expect(try await pair.peer.post(towards + "/vision", [("version", "0"), ("vision", "Back at college.")]).status == .seeOther)
            let late = try await pair.worker.post(towards + "/vision", [("version", "0"), ("vision", "Working with animals.")])
            #expect(late.status == .conflict)
            #expect(late.contains("Back at college.") && late.contains("Working with animals."))
            #expect(try await TowardsPlan.query(on: context.db).first()?.vision == "Back at college.")
        }
    }

    @Test func aStepMovesOnWithoutLosingAnotherPersonsChoiceAndAReviewNamesItsConversation() async throws {
        try await withTestApp { context in
            let pair = try await Self.pair(context)
            let towards = pair.relationshipPath + "/towards"
            try await pair.peer.get(towards)
            _ = try await pair.peer.post(towards + "/steps", [("stepText", "Visit the allotment"), ("stepTaker", "both")])
            let step = try #require(try await TowardsStep.query(on: context.db).first())
            let stepPath = "/towards/steps/\(try step.requireID().uuidString.lowercased())"
            try await pair.worker.get(towards)
            #expect(try await pair.peer.post(stepPath, [("state", "underway"), ("version", "1")]).status == .seeOther)
            let late = try await pair.worker.post(stepPath, [("state", "set-aside"), ("version", "1")])
            #expect(late.status == .conflict)
            #expect(late.contains("set this step to “Under way”"))
            #expect(try await TowardsStep.find(step.id, on: context.db)?.stepState == .underway)
            #expect(try await pair.worker.post(stepPath, [("state", "sideways"), ("version", "2")]).status == .unprocessableEntity)

            let conversationID = try #require(pair.notePath.split(separator: "/").last.map(String.init))
            let stranger = try await pair.worker.post(
                towards + "/reviews", [("reviewConversation", UUID().uuidString), ("review", "We looked at the steps.")])
            #expect(stranger.status == .unprocessableEntity)
            #expect(stranger.contains("Choose the conversation where you looked at the plan together."))
            #expect(stranger.contains("We looked at the steps."))
            let reviewed = try await pair.worker.post(
                towards + "/reviews", [("reviewConversation", conversationID), ("review", "We looked at the steps.")])
            #expect(reviewed.status == .seeOther)
            let review = try #require(try await TowardsReview.query(on: context.db).first())
            #expect(review.conversationID.uuidString.lowercased() == conversationID)
            #expect(try await pair.peer.get(towards).contains("We looked at the steps."))
            #expect(try await pair.worker.get(pair.notePath).contains("You looked at the plan together in this conversation"))
        }
    }

    @Test func bothPeopleCheckInOnceEachWithinRangeAndOnlyOnConversationsTheyWereIn() async throws {
        try await withTestApp { context in
            let pair = try await Self.pair(context)
            let checkIn = pair.notePath + "/check-in"
            try await pair.peer.get(checkIn)
            let outOfRange = try await pair.peer.post(checkIn, [("item-heard", "7")])
            #expect(outOfRange.status == .unprocessableEntity)
            #expect(outOfRange.contains("Choose a point from 1 to 5"))
            #expect(try await pair.peer.post(checkIn, [("item-heard", "4"), ("item-pace", "5")]).status == .seeOther)
            #expect(try await pair.peer.post(checkIn, [("item-heard", "2")]).status == .conflict, "one check-in each")
            try await pair.worker.get(checkIn)
            #expect(try await pair.worker.post(checkIn, [("respondent", "worker"), ("item-heard", "3")]).status == .seeOther)
            let relationship = try await pair.worker.get(pair.relationshipPath)
            #expect(relationship.contains("Mereana: 1 check-in, average 4.5"))
            #expect(relationship.contains("You: 1 check-in, average 3"))

            // After a handover, the new worker wasn't in this conversation.
            let other = try await context.account("tama.wiremu@demo.alongside.test")
            let stored = try #require(try await CheckInRecord.query(on: context.db).filter(\.$respondent == "worker").first())
            try await stored.delete(on: context.db)
            let conversation = try #require(try await Conversation.find(stored.conversationID, on: context.db))
            conversation.writtenBy = try other.requireID()
            try await conversation.save(on: context.db)
            let notThere = try await pair.worker.post(checkIn, [("respondent", "worker"), ("item-heard", "3")])
            #expect(notThere.status == .unprocessableEntity)
            #expect(notThere.contains("You weren&#39;t in this conversation") || notThere.contains("You weren't in this conversation"))
            // Nor can they hand their device to the peer for it.
            for record in try await CheckInRecord.query(on: context.db).all() { try await record.delete(on: context.db) }
            let onTheirBehalf = try await pair.worker.post(checkIn, [("respondent", "peer"), ("item-heard", "5")])
            #expect(onTheirBehalf.status == .unprocessableEntity)
            #expect(try await CheckInRecord.query(on: context.db).count() == 0)

            // Nobody else sees individual answers, and a supervisor sees no average under five relationships.
            _ = try await SupervisionTests.link(
                context, supervisor: "supervisor@demo.alongside.test", worker: "peerworker@demo.alongside.test")
            let priya = try await context.signedInClient("supervisor@demo.alongside.test")
            #expect(try await priya.get(checkIn).status == .forbidden)
            #expect(try await priya.get("/supervision").contains("Shown once at least 5"))
        }
    }

    @Test func aConcernIsAnAgreementThePeerReadsAndAnEscalationTellsTheSupervisorAtOnce() async throws {
        try await withTestApp { context in
            let pair = try await Self.pair(context)
            _ = try await SupervisionTests.link(
                context, supervisor: "supervisor@demo.alongside.test", worker: "peerworker@demo.alongside.test")
            let concerns = pair.relationshipPath + "/concerns"
            try await pair.worker.get(concerns + "/new")
            let tomorrow = PlanDate.text(context.clock.now.addingTimeInterval(86_400))
            let missing = try await pair.worker.post(concerns, [("noticed", "Not sleeping.")])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.contains("Say when you&#39;ll talk again.") || missing.contains("Say when you'll talk again."))
            #expect(try await ConcernRecord.query(on: context.db).count() == 0)
            let saved = try await pair.worker.post(
                concerns,
                [
                    ("noticed", "Not sleeping, non-compliant with meds, and said <script>x</script> everything feels pointless."),
                    ("peerWants", "To stay home."),
                    ("workerWillDo", "Call tomorrow."), ("talkAgainOn", tomorrow),
                ])
            let concernPath = try #require(saved.location?.split(separator: "?").first.map(String.init))
            let shown = try await pair.peer.get(concernPath)
            #expect(shown.status == .ok)
            #expect(shown.contains("&lt;script&gt;x&lt;/script&gt;"), "markup is shown as text")
            #expect(try await pair.peer.get("/inbox").contains("wrote down what you agreed together"))
            #expect(!shown.contains("Wording to think about"), "the peer reads the agreement, not suggestions for the worker")

            #expect(try await pair.worker.get(concernPath).contains("Wording to think about"))
            let noContact = try await pair.worker.post(
                concernPath + "/escalate", [("met", "on"), ("contactedAt", LocalDateTime.text(context.clock.now)), ("why", "Tablets.")])
            #expect(noContact.status == .unprocessableEntity)
            #expect(noContact.contains("Say who was contacted"))
            #expect(try await EscalationRecord.query(on: context.db).count() == 0)
            let escalated = try await pair.worker.post(
                concernPath + "/escalate",
                [
                    ("met", "on"), ("contacted", "Ambulance, 999"), ("contactedAt", LocalDateTime.text(context.clock.now)),
                    ("why", "Tablets."),
                ])
            #expect(escalated.status == .seeOther)
            let escalation = try #require(try await EscalationRecord.query(on: context.db).first())
            #expect(escalation.followUpDue > context.clock.now)
            let home = try await pair.worker.get("/home")
            #expect(home.contains("Concern conversations to come back to") && home.contains("follow up by"))

            let priya = try await context.signedInClient("supervisor@demo.alongside.test")
            #expect(try await priya.get("/home").contains("Inbox (1 new)"))
            #expect(try await priya.get("/inbox").contains("escalated a concern about M."))
            #expect(try await priya.get(concernPath).contains("Ambulance, 999"))
            #expect(try await priya.get("/supervision").contains("follow-up due by"))
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            #expect(try await coordinator.get(concernPath).status == .forbidden, "coordinators see counts, not content")
            let counts = try await coordinator.get("/relationships")
            #expect(counts.contains("Open concern conversations") && counts.contains("1, of which 1 escalated"))
            #expect(!counts.contains("Ambulance"))
            let reads = try await context.auditEntries(action: Action.viewConcern.rawValue)
            #expect(reads.filter { $0.outcome == "success" }.count >= 3)
        }
    }

    @Test func anEscalationWithNoSupervisorLinkedTellsTheCoordinatorsWithoutTheContent() async throws {
        try await withTestApp { context in
            let pair = try await Self.pair(context)
            let concerns = pair.relationshipPath + "/concerns"
            try await pair.worker.get(concerns + "/new")
            let saved = try await pair.worker.post(
                concerns,
                [
                    ("noticed", "Not sleeping."), ("peerWillDo", "Text her sister."),
                    ("talkAgainOn", PlanDate.text(context.clock.now)),
                ])
            let concernPath = try #require(saved.location?.split(separator: "?").first.map(String.init))
            try await pair.worker.get(concernPath)
            _ = try await pair.worker.post(
                concernPath + "/escalate",
                [
                    ("met", "on"), ("contacted", "Crisis team"), ("contactedAt", LocalDateTime.text(context.clock.now)),
                    ("why", "Plan and means."),
                ])
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            let inbox = try await coordinator.get("/inbox")
            #expect(inbox.contains("has no supervisor linked"))
            #expect(!inbox.contains("Plan and means."))
        }
    }
}

@Suite struct MutualityItemsSettingTests {
    @Test func aServiceAsksItsOwnCheckInQuestions() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("items-\(UUID().uuidString).json")
        try Data(#"{"scale":["No","Not much","Some","Mostly","Yes"],"items":[{"key":"safe","wording":"I felt safe to say no"}]}"#.utf8)
            .write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try await withTestApp(configureSettings: { $0.mutualityItemsFile = file.path }) { context in
            let pair = try await PeerPlansTests.pair(context)
            let page = try await pair.peer.get(pair.notePath + "/check-in")
            #expect(page.contains("I felt safe to say no") && !page.contains("I felt heard"))
            #expect(try await pair.peer.post(pair.notePath + "/check-in", [("item-safe", "5")]).status == .seeOther)
        }
    }

    @Test func anUnusableItemsFileStopsStartUpWithAMessage() throws {
        #expect(throws: Settings.Problem.self) { try loadMutualityItems("/no/such/items.json") }
    }
}
