import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct NoteVersionTests {
    /// A saved note and the path to it.
    static func savedNote(_ context: TestContext) async throws -> (TestClient, String) {
        let (worker, path) = try await JourneyFlowTests.addPeer(context)
        try await worker.get(path + "/conversations/new")
        let saved = try await worker.post(path + "/conversations", ConversationTests.good(context, note: "We walked to the beach."))
        return (worker, try #require(saved.location?.split(separator: "?").first.map(String.init)))
    }

    static func change(_ context: TestContext, note: String, version: String) -> [(String, String)] {
        ConversationTests.with(ConversationTests.with(ConversationTests.good(context), "sharedNote", note), "version", version)
    }

    @Test func changingANoteKeepsEveryEarlierVersionWithWhoAndWhen() async throws {
        try await withTestApp { context in
            let (worker, notePath) = try await Self.savedNote(context)
            let form = try await worker.get(notePath + "/edit")
            #expect(form.contains("We walked to the beach."), "the form starts from the note as saved")
            #expect(form.contains(#"name="version" value="1""#))
            context.clock.advance(by: 600)
            let saved = try await worker.post(notePath, Self.change(context, note: "We walked to the beach and the café.", version: "1"))
            #expect(saved.status == .seeOther)
            let page = try await worker.get(try #require(saved.location))
            #expect(page.contains("Your change is saved."))
            #expect(page.contains("We walked to the beach and the café."))
            let history = try await worker.get(notePath + "/history")
            #expect(history.contains("Version 2 (now)"))
            #expect(history.contains("Version 1"))
            #expect(history.contains("We walked to the beach.</dd>"), "the first wording is still there")
            #expect(history.contains("Written by Sam Okafor"))
            #expect(try await ConversationVersion.query(on: context.db).count() == 1)
            #expect(try await context.auditEntries(action: Action.editConversation.rawValue).count == 1)
        }
    }

    @Test func aStaleChangeShowsBothVersionsAndLosesNeither() async throws {
        try await withTestApp { context in
            let (worker, notePath) = try await Self.savedNote(context)
            try await worker.get(notePath + "/edit")
            // Someone saves first from another tab...
            let first = try await worker.post(notePath, Self.change(context, note: "Theirs: the beach, then lunch.", version: "1"))
            #expect(first.status == .seeOther)
            // ...then this person saves from the page they opened before that.
            let stale = try await worker.post(notePath, Self.change(context, note: "Mine: the beach at low tide.", version: "1"))
            #expect(stale.status == .conflict)
            #expect(stale.contains("Someone else saved a change to this note while you were editing."))
            #expect(stale.contains("Theirs: the beach, then lunch."), "the saved version is shown")
            #expect(stale.contains("Mine: the beach at low tide."), "this person's words stay in the form")
            #expect(stale.contains(#"name="version" value="2""#), "saving again builds on the version they have now seen")
            let note = try #require(try await Conversation.query(on: context.db).first())
            #expect(note.sharedNote == "Theirs: the beach, then lunch.")
            #expect(note.version == 2)
            #expect(try await ConversationVersion.query(on: context.db).count() == 1)
            let again = try await worker.post(notePath, Self.change(context, note: "Mine: the beach at low tide.", version: "2"))
            #expect(again.status == .seeOther)
            #expect(try await ConversationVersion.query(on: context.db).count() == 2, "both earlier versions are kept")
        }
    }

    @Test func aChangeWithAProblemIsExplainedAndNothingChanges() async throws {
        try await withTestApp { context in
            let (worker, notePath) = try await Self.savedNote(context)
            try await worker.get(notePath + "/edit")
            let page = try await worker.post(
                notePath, ConversationTests.with(Self.change(context, note: "Kept words.", version: "1"), "minutes", "0"))
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("A conversation lasts at least a minute."))
            #expect(page.contains("Kept words."))
            let note = try #require(try await Conversation.query(on: context.db).first())
            #expect(note.version == 1 && note.sharedNote == "We walked to the beach.")
            #expect(try await ConversationVersion.query(on: context.db).count() == 0)
        }
    }

    @Test func onlyTheWorkerInTheRelationshipCanChangeOrReadItsHistory() async throws {
        try await withTestApp { context in
            let (_, notePath) = try await Self.savedNote(context)
            let tama = try await context.signedInClient("tama.wiremu@demo.alongside.test")
            #expect(try await tama.get(notePath + "/edit").status == .notFound)
            #expect(try await tama.get(notePath + "/history").status == .notFound)
            try await tama.get("/home")
            #expect(try await tama.post(notePath, Self.change(context, note: "Not mine to change.", version: "1")).status == .notFound)
            let note = try #require(try await Conversation.query(on: context.db).first())
            #expect(note.version == 1)
        }
    }
}
