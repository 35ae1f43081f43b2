import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

/// A worker's reflections belong to the worker who wrote them, not to the relationship: after a
/// handover they stay theirs, on every screen that shows a note.
@Suite struct PrivateWordsTests {
    static let ownWords = ["I noticed my own worry.", "Easy laughter today.", "I told her about my first year of recovery."]

    @Test func afterAHandoverTheNextWorkerNeverSeesTheEarlierWorkersOwnWords() async throws {
        try await withTestApp { context in
            let (sam, path) = try await JourneyFlowTests.addPeer(context)
            try await sam.get(path + "/conversations/new")
            let saved = try await sam.post(
                path + "/conversations",
                ConversationTests.with(ConversationTests.good(context), "livedExperience", Self.ownWords[2]))
            let notePath = try #require(saved.location?.split(separator: "?").first.map(String.init))
            // A second version, so the history has an earlier one to show.
            let edit = try await sam.get(notePath + "/edit")
            #expect(edit.contains(Self.ownWords[0]), "the writer sees their own words")
            let changed = try await sam.post(
                notePath,
                ConversationTests.with(
                    ConversationTests.with(ConversationTests.good(context, note: "We walked to the beach."), "version", "1"),
                    "livedExperience", Self.ownWords[2]))
            #expect(changed.status == .seeOther)

            let tama = try await context.account("tama.wiremu@demo.alongside.test")
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            try await coordinator.get(path)
            _ = try await coordinator.post(
                path + "/handover", [("handoverTo", try tama.requireID().uuidString), ("handoverReason", "Moving teams.")])
            let next = try await context.signedInClient("tama.wiremu@demo.alongside.test")

            for screen in [notePath, notePath + "/edit", notePath + "/history"] {
                let page = try await next.get(screen)
                #expect(page.status == .ok, "\(screen)")
                #expect(page.contains("We walked to the beach."), "the shared note is theirs to read at \(screen)")
                for words in Self.ownWords {
                    #expect(!page.contains(words), "\(screen) showed the earlier worker's own words")
                }
                #expect(!page.contains("only you see this"), "\(screen)")
            }

            // Changing the shared note keeps the earlier worker's words, unseen and unchanged.
            let form = try await next.get(notePath + "/edit")
            #expect(!form.contains("name=\"privateReflection\""))
            let version = try #require(form.body.range(of: #"name="version" value="[0-9]+""#, options: .regularExpression))
            let versionNumber = String(form.body[version].split(separator: "\"")[3])
            let saves = try await next.post(
                notePath,
                [
                    ("occurredAt", LocalDateTime.text(context.clock.now.addingTimeInterval(-3600))), ("minutes", "50"),
                    ("mode", "in_person"), ("place", "The beach"), ("reachedOut", "peer"),
                    ("sharedNote", "We walked to the beach and back."), ("version", versionNumber), ("privateReflection", ""),
                ])
            #expect(saves.status == .seeOther)
            let id = try #require(UUID(uuidString: String(notePath.split(separator: "/").last ?? "")))
            let stored = try #require(try await Conversation.find(id, on: context.db))
            #expect(stored.sharedNote == "We walked to the beach and back.")
            #expect(stored.privateReflection == Self.ownWords[0])
            #expect(stored.livedExperience == Self.ownWords[2])
            #expect(stored.forSupervision)

            // The writer's supervisor still reads what was brought; the writer still has it.
            let samAccount = try await context.demoAccount(.peerWorker)
            #expect(
                stored.showsOwnWords(
                    to: Actor(accountID: try samAccount.requireID(), organisationID: stored.organisationID, roles: [.peerWorker])))
        }
    }
}
