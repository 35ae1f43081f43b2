import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct PortalTests {
    /// A worker writes a note, invites the peer, and the peer accepts: both signed in.
    static func peerWithANote(_ context: TestContext) async throws -> (worker: TestClient, peer: TestClient, notePath: String) {
        let (worker, path) = try await JourneyFlowTests.addPeer(context)
        try await worker.get(path + "/conversations/new")
        let saved = try await worker.post(path + "/conversations", ConversationTests.good(context, note: "We walked to the beach."))
        let notePath = try #require(saved.location?.split(separator: "?").first.map(String.init))
        try await worker.get(path)
        let invited = try await worker.post(path + "/portal-invite", [("portalEmail", "mereana@example.org")])
        #expect(invited.status == .ok)
        let range = try #require(invited.body.range(of: #"/invite/[A-Za-z0-9_-]+"#, options: .regularExpression))
        let invitePath = String(invited.body[range])

        let code = try #require(Self.linkCode(in: invited))

        let peer = context.client()
        try await peer.get(invitePath)
        let accepted = try await peer.post(
            invitePath,
            [("code", code), ("name", "Mereana"), ("password", "tide pools at dawn"), ("confirmation", "tide pools at dawn")])
        #expect(accepted.status == .seeOther)
        return (worker, peer, notePath)
    }

    /// The code the worker reads to the peer, from the page that made the link.
    static func linkCode(in page: TestClient.Page) -> String? {
        guard let range = page.body.range(of: #"[0-9]{3} [0-9]{3}</strong>"#, options: .regularExpression) else { return nil }
        return String(page.body[range].prefix(7))
    }

    @Test func aPeerReadsTheirJourneyAndSharedNotesButNeverThePrivateReflection() async throws {
        try await withTestApp { context in
            let (_, peer, notePath) = try await Self.peerWithANote(context)
            let home = try await peer.get("/my")
            #expect(home.status == .ok)
            #expect(home.contains("Your journey, Mereana"))
            #expect(home.contains("We walked to the beach."))
            #expect(home.contains("Creating a safe place"))
            #expect(!home.contains("I noticed my own worry."), "a worker's private reflection never reaches the peer")
            #expect(!home.contains("Easy laughter today."), "nor do their practice reflections")
            let id = try #require(notePath.split(separator: "/").last)
            let note = try await peer.get("/my/notes/\(id)")
            #expect(note.contains("We walked to the beach."))
            #expect(!note.contains("I noticed my own worry."))
            #expect(try await context.auditEntries(action: Action.viewOwnRecord.rawValue).count == 2)
        }
    }

    @Test func aPeerCommentsAndAsksForAChangeAndTheWorkerAnswers() async throws {
        try await withTestApp { context in
            let (worker, peer, notePath) = try await Self.peerWithANote(context)
            let id = try #require(notePath.split(separator: "/").last)
            try await peer.get("/my/notes/\(id)")
            let commented = try await peer.post("/my/notes/\(id)/comments", [("comment", "It was a good walk.")])
            #expect(commented.status == .seeOther)
            let asked = try await peer.post("/my/notes/\(id)/corrections", [("correction", "It was the beach by the wharf.")])
            #expect(asked.status == .seeOther)
            let mine = try await peer.get(try #require(asked.location))
            #expect(mine.contains("Your request is sent to Sam Okafor."))
            #expect(mine.contains("It was a good walk."))
            #expect(mine.contains("Waiting for Sam Okafor to answer."))

            let home = try await worker.get("/home")
            #expect(home.contains("Mereana asked for a change to a note"))
            #expect(home.contains("Mereana commented on a note"))
            let page = try await worker.get(notePath)
            #expect(page.contains("It was the beach by the wharf."))
            let responseID = try #require(try await NoteResponse.query(on: context.db).filter(\.$kind == "correction").first()?.id)
            let empty = try await worker.post(notePath + "/responses/\(responseID.uuidString.lowercased())/answer", [("answer", " ")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.contains("Write your answer to Mereana before sending."))
            let answered = try await worker.post(
                notePath + "/responses/\(responseID.uuidString.lowercased())/answer", [("answer", "Thanks, I've changed it.")])
            #expect(answered.status == .seeOther)

            let after = try await peer.get("/my/notes/\(id)")
            #expect(after.contains("Sam Okafor answered"))
            #expect(after.contains("Thanks, I&#39;ve changed it.") || after.contains("Thanks, I've changed it."))
            #expect(try await NoteResponse.query(on: context.db).count() == 2)
            let note = try #require(try await Conversation.query(on: context.db).first())
            #expect(note.sharedNote == "We walked to the beach.", "a request never overwrites the note")
        }
    }

    @Test func anEmptyOrOverlongCommentIsExplainedAndKept() async throws {
        try await withTestApp { context in
            let (_, peer, notePath) = try await Self.peerWithANote(context)
            let id = try #require(notePath.split(separator: "/").last)
            try await peer.get("/my/notes/\(id)")
            let empty = try await peer.post("/my/notes/\(id)/comments", [("comment", "   ")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.contains("Write your comment before sending."))
            let long = String(repeating: "a", count: NoteResponseText.limit + 1)
            let tooLong = try await peer.post("/my/notes/\(id)/corrections", [("correction", long)])
            #expect(tooLong.status == .unprocessableEntity)
            #expect(tooLong.contains("Keep it to 2000 characters"))
            #expect(tooLong.contains(long), "what they wrote is kept")
            #expect(try await NoteResponse.query(on: context.db).count() == 0)
        }
    }

    @Test func aPeerSeesOnlyTheirOwnRecord() async throws {
        try await withTestApp { context in
            let (worker, peer, _) = try await Self.peerWithANote(context)
            // Another peer's note, in the same organisation.
            try await worker.get("/peers/new")
            let sam = try await context.demoAccount(.peerWorker)
            let other = try await worker.post(
                "/peers", [("preferredName", "Hone"), ("howToReach", "phone"), ("worker", try sam.requireID().uuidString)])
            let otherPath = try #require(other.locationPath)
            try await worker.get(otherPath + "/conversations/new")
            let saved = try await worker.post(otherPath + "/conversations", ConversationTests.good(context, note: "Hone's own words."))
            let otherID = try #require(saved.location?.split(separator: "?").first?.split(separator: "/").last)
            #expect(try await peer.get("/my/notes/\(otherID)").status == .notFound)
            try await peer.get("/my")
            #expect(try await peer.post("/my/notes/\(otherID)/comments", [("comment", "Hello")]).status == .notFound)
            #expect(!(try await peer.get("/my")).contains("Hone's own words."))
            #expect(try await peer.get(otherPath).status == .forbidden, "the worker's pages are not for peers")
            let denied = try await context.auditEntries(action: Action.viewOwnRecord.rawValue).filter { $0.outcome == "denied" }
            #expect(denied.count == 1)
        }
    }

    @Test func aPeerWithALoginCannotBeInvitedTwiceAndABadAddressIsExplained() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context)
            try await worker.get(path)
            let bad = try await worker.post(path + "/portal-invite", [("portalEmail", "not an address")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.contains("not an address"), "the input is kept")
            #expect(try await Invite.query(on: context.db).filter(\.$peerID != nil).count() == 0)
        }
    }
}
