import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct GroupConversationTests {
    /// Mereana's relationship path, and Hone's relationship id, both with Sam.
    static func twoPeers(_ context: TestContext) async throws -> (TestClient, String, UUID) {
        let (worker, path) = try await JourneyFlowTests.addPeer(context)
        try await worker.get("/peers/new")
        let sam = try await context.demoAccount(.peerWorker).requireID().uuidString
        let hone = try #require(try await worker.post("/peers", [("preferredName", "Hone"), ("worker", sam)]).locationPath)
        return (worker, path, try #require(UUID(uuidString: String(hone.split(separator: "/").last ?? ""))))
    }

    @Test func aGroupConversationGivesEachPeerTheirOwnCopyWithoutTheWorkersReflections() async throws {
        try await withTestApp { context in
            let (worker, path, hone) = try await Self.twoPeers(context)
            let form = try await worker.get(path + "/conversations/new")
            #expect(form.contains("A group? Others from your caseload who were there"))
            #expect(form.contains(">Hone<"))
            let fields =
                ConversationTests.with(ConversationTests.good(context, note: "The group talked about hope."), "mode", "group")
                + [("others[]", hone.uuidString.lowercased())]
            let saved = try await worker.post(path + "/conversations", fields)
            #expect(saved.status == .seeOther)
            let copies = try await Conversation.query(on: context.db).all()
            #expect(copies.count == 2)
            #expect(Set(copies.compactMap(\.groupID)).count == 1, "one group, two copies")
            let honesCopy = try #require(copies.first { $0.relationshipID == hone })
            #expect(honesCopy.sharedNote == "The group talked about hope.")
            #expect(
                honesCopy.privateReflection.isEmpty && honesCopy.connection.isEmpty, "reflections stay on the copy they were written on")
            let page = try await worker.get(try #require(saved.location))
            #expect(page.contains("A group conversation."))
            #expect(page.contains("Hone&#39;s copy") || page.contains("Hone's copy"))
        }
    }

    @Test func othersWithoutTheGroupModeAreExplainedAndNothingIsSaved() async throws {
        try await withTestApp { context in
            let (worker, path, hone) = try await Self.twoPeers(context)
            try await worker.get(path + "/conversations/new")
            let page = try await worker.post(
                path + "/conversations",
                ConversationTests.with(ConversationTests.good(context), "mode", "phone") + [("others[]", hone.uuidString.lowercased())])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("choose &quot;Group&quot; as how you talked") || page.contains("choose \"Group\" as how you talked"))
            #expect(page.contains(#"id="other-\#(hone.uuidString.lowercased())" value="\#(hone.uuidString.lowercased())" checked"#))
            #expect(try await Conversation.query(on: context.db).count() == 0)
        }
    }

    @Test func aPeerFromAnotherCaseloadCannotBeAddedToAGroup() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context)
            let tama = try await context.signedInClient("tama.wiremu@demo.alongside.test")
            try await tama.get("/peers/new")
            let tamaID = try await context.account("tama.wiremu@demo.alongside.test").requireID().uuidString
            let theirs = try #require(try await tama.post("/peers", [("preferredName", "Wiremu"), ("worker", tamaID)]).locationPath)
            try await worker.get(path + "/conversations/new")
            let page = try await worker.post(
                path + "/conversations",
                ConversationTests.with(ConversationTests.good(context), "mode", "group") + [
                    ("others[]", String(theirs.split(separator: "/").last ?? ""))
                ])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("isn&#39;t in your caseload") || page.contains("isn't in your caseload"))
            #expect(try await Conversation.query(on: context.db).count() == 0)
        }
    }
}
