import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct ConversationTests {
    static func good(_ context: TestContext, note: String = "We walked to the beach and talked about her sister.") -> [(String, String)] {
        [
            ("occurredAt", LocalDateTime.text(context.clock.now.addingTimeInterval(-3600))), ("minutes", "50"), ("mode", "in_person"),
            ("place", "The beach"), ("reachedOut", "peer"), ("sharedNote", note), ("connection", "Easy laughter today."),
            ("privateReflection", "I noticed my own worry."), ("forSupervision", "on"),
        ]
    }

    static func with(_ fields: [(String, String)], _ name: String, _ value: String) -> [(String, String)] {
        fields.filter { $0.0 != name } + [(name, value)]
    }

    @Test func aNoteIsSavedAndShownWithLanguageSuggestionsBesideIt() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context)
            try await worker.get(path + "/conversations/new")
            let saved = try await worker.post(
                path + "/conversations", Self.good(context, note: "She suffers from anxiety but was non-compliant with nothing today."))
            #expect(saved.status == .seeOther)
            let page = try await worker.get(try #require(saved.location))
            #expect(page.contains("Your note is saved."))
            #expect(page.contains("She suffers from anxiety"), "the writer's words are kept as written")
            #expect(page.contains("Wording to think about"))
            #expect(page.contains("lives with"))
            #expect(page.contains("Easy laughter today."))
            #expect(page.contains("Your reflection (for supervision)"))
            let journey = try await worker.get(path)
            #expect(journey.contains("In person, 50 minutes"))
            #expect(try await context.auditEntries(action: Action.recordConversation.rawValue).count == 1)
            #expect(try await context.auditEntries(action: Action.viewConversation.rawValue).count == 1)
        }
    }

    @Test(arguments: [
        ("occurredAt", "+2d", "That&#39;s in the future"),
        ("occurredAt", "-400d", "That&#39;s before this relationship began"),
        ("occurredAt", "yesterday", "Enter the date and time of the conversation."),
        ("minutes", "0", "A conversation lasts at least a minute."),
        ("minutes", "721", "That&#39;s over 12 hours"),
        ("mode", "", "Choose how you talked."),
        ("sharedNote", "4001", "Keep the shared note to 4000 characters or fewer (it has 4001)."),
    ])
    func badInputIsExplainedKeptAndNothingIsStored(field: String, value: String, message: String) async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context)
            try await worker.get(path + "/conversations/new")
            var raw = value
            if value.hasSuffix("d"), let days = Double(value.dropLast()) {
                raw = LocalDateTime.text(context.clock.now.addingTimeInterval(days * 86_400))
            } else if field == "sharedNote" {
                raw = String(repeating: "n", count: 4001)
            }
            let page = try await worker.post(path + "/conversations", Self.with(Self.good(context), field, raw))
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains(message) || page.contains(message.replacingOccurrences(of: "&#39;", with: "'")), "missing: \(message)")
            #expect(page.contains("The beach"), "what was typed is kept")
            #expect(page.contains("I noticed my own worry."))
            let relationshipID = try #require(UUID(uuidString: String(path.split(separator: "/").last ?? "")))
            #expect(try await Conversation.query(on: context.db).filter(\.$relationshipID == relationshipID).count() == 0)
        }
    }

    @Test func notesStayWithTheWorkerInTheRelationship() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context)
            try await worker.get(path + "/conversations/new")
            let saved = try await worker.post(path + "/conversations", Self.good(context))
            let notePath = try #require(saved.location?.split(separator: "?").first.map(String.init))

            let tama = try await context.signedInClient("tama.wiremu@demo.alongside.test")
            #expect(try await tama.get(notePath).status == .notFound)
            #expect(try await tama.get(path + "/conversations/new").status == .notFound)

            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            #expect(try await coordinator.get(notePath).status == .forbidden)
            let journey = try await coordinator.get(path)
            #expect(journey.contains("In person, 50 minutes"), "coordinators see that a conversation happened")
            #expect(!journey.contains("href=\"\(notePath)\""), "but not a way into its text")
            #expect(!journey.contains("Write a conversation note"))
        }
    }
}
