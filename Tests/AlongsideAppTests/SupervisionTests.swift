import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct SupervisionTests {
    /// Sam writes a note and brings his reflection to supervision; returns the note's id.
    static func broughtNote(_ context: TestContext) async throws -> UUID {
        let (worker, path) = try await JourneyFlowTests.addPeer(context, name: "Mereana Tuhoe")
        try await worker.get(path + "/conversations/new")
        let saved = try await worker.post(path + "/conversations", ConversationTests.good(context, note: "The shared words."))
        return try #require(UUID(uuidString: String(saved.location?.split(separator: "?").first?.split(separator: "/").last ?? "")))
    }

    static func link(_ context: TestContext, supervisor: String, worker: String) async throws -> TestClient.Page {
        let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
        try await coordinator.get("/supervision/links")
        return try await coordinator.post(
            "/supervision/links",
            [
                ("supervisor", try await context.account(supervisor).requireID().uuidString),
                ("worker", try await context.account(worker).requireID().uuidString),
            ])
    }

    @Test func aSupervisorSeesTheirSuperviseesCaseloadAndWhatTheyBroughtButNotThePeersNotes() async throws {
        try await withTestApp { context in
            let id = try await Self.broughtNote(context)
            let linked = try await Self.link(
                context, supervisor: "supervisor@demo.alongside.test", worker: "peerworker@demo.alongside.test")
            #expect(linked.status == .seeOther)

            let priya = try await context.signedInClient("supervisor@demo.alongside.test")
            let overview = try await priya.get("/supervision")
            #expect(overview.contains("Sam Okafor"))
            #expect(overview.contains("M. T."), "peers appear as initials")
            #expect(!overview.contains("Mereana"))
            #expect(overview.contains("Creating a safe place"))
            let reflection = try await priya.get("/supervision/notes/\(id.uuidString.lowercased())")
            #expect(reflection.status == .ok)
            #expect(reflection.contains("I noticed my own worry."))
            #expect(!reflection.contains("The shared words."), "the peer's shared note stays between them and their worker")
            #expect(try await priya.get("/conversations/\(id.uuidString.lowercased())").status == .forbidden)
            #expect(try await context.auditEntries(action: Action.readForSupervision.rawValue).count == 1)
        }
    }

    @Test func withoutALinkOrAfterItEndsTheSupervisorReadsNothing() async throws {
        try await withTestApp { context in
            let id = try await Self.broughtNote(context)
            let priya = try await context.signedInClient("supervisor@demo.alongside.test")
            #expect(try await priya.get("/supervision/notes/\(id.uuidString.lowercased())").status == .notFound)
            #expect(!(try await priya.get("/supervision")).contains("Sam Okafor"))

            _ = try await Self.link(context, supervisor: "supervisor@demo.alongside.test", worker: "peerworker@demo.alongside.test")
            #expect(try await priya.get("/supervision/notes/\(id.uuidString.lowercased())").status == .ok)
            let link = try #require(try await SupervisionLink.query(on: context.db).first())
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            try await coordinator.get("/supervision/links")
            let ended = try await coordinator.post("/supervision/links/\(try link.requireID().uuidString.lowercased())/end")
            #expect(ended.status == .seeOther)
            #expect(try await priya.get("/supervision/notes/\(id.uuidString.lowercased())").status == .notFound)
            #expect(try await SupervisionLink.query(on: context.db).count() == 1, "an ended link is kept")
        }
    }

    @Test func aNoteTheWorkerKeptToThemselvesNeverReachesTheSupervisor() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context)
            try await worker.get(path + "/conversations/new")
            let saved = try await worker.post(
                path + "/conversations", ConversationTests.good(context).filter { $0.0 != "forSupervision" })
            let id = try #require(saved.location?.split(separator: "?").first?.split(separator: "/").last)
            _ = try await Self.link(context, supervisor: "supervisor@demo.alongside.test", worker: "peerworker@demo.alongside.test")
            let priya = try await context.signedInClient("supervisor@demo.alongside.test")
            #expect(try await priya.get("/supervision/notes/\(id)").status == .notFound)
            #expect((try await priya.get("/supervision")).contains("Nothing brought yet."))
        }
    }

    @Test func nobodySupervisesThemselvesOrTheSamePersonTwice() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let own = try await Self.link(
                context, supervisor: "lee.fairweather@demo.alongside.test", worker: "lee.fairweather@demo.alongside.test")
            #expect(own.status == .unprocessableEntity)
            #expect(own.contains("Nobody supervises themselves."))
            _ = try await Self.link(context, supervisor: "supervisor@demo.alongside.test", worker: "tama.wiremu@demo.alongside.test")
            let twice = try await Self.link(
                context, supervisor: "supervisor@demo.alongside.test", worker: "tama.wiremu@demo.alongside.test")
            #expect(twice.status == .unprocessableEntity)
            #expect(twice.contains("They already supervise this peer worker."))
            #expect(try await SupervisionLink.query(on: context.db).count() == 1)
        }
    }
}
