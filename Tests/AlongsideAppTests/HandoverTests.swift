import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct HandoverTests {
    @Test func aCoordinatorHandsARelationshipOverAndItsHistoryGoesWithIt() async throws {
        try await withTestApp { context in
            let (sam, path) = try await JourneyFlowTests.addPeer(context)
            let tama = try await context.account("tama.wiremu@demo.alongside.test")
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            try await coordinator.get(path)
            let done = try await coordinator.post(
                path + "/handover",
                [("handoverTo", try tama.requireID().uuidString), ("handoverReason", "Sam is moving to the youth team.")])
            #expect(done.location == path + "?handedOver=1")
            let page = try await coordinator.get(path)
            #expect(page.contains("from Sam Okafor to Tama Wiremu"))
            #expect(!page.contains("Sam is moving to the youth team."), "a coordinator sees who walks with whom, not the words")
            #expect(!page.contains("text first"), "nor what the peer said about how to reach them")
            #expect(try await sam.get(path).status == .notFound, "the former worker no longer sees it")
            let tamaClient = try await context.signedInClient("tama.wiremu@demo.alongside.test")
            #expect(try await tamaClient.get("/caseload").contains("Mereana"))
            #expect(try await tamaClient.get(path).contains("Creating a safe place"), "the journey came too")
            #expect(try await context.auditEntries(action: Action.handOver.rawValue).count == 1)
            let service = try await coordinator.get("/relationships")
            #expect(service.contains("Mereana") && service.contains("Tama Wiremu"), "coordinators see who walks with whom")
            #expect(!service.contains("text first"), "but nothing written about the peer")
        }
    }

    @Test func badHandoversAreExplainedAndNothingChanges() async throws {
        try await withTestApp { context in
            let (sam, path) = try await JourneyFlowTests.addPeer(context)
            try await sam.get(path)
            let samAccount = try await context.demoAccount(.peerWorker)
            let chris = try await context.account("chris.dunmore@demo.alongside.test")
            for (to, reason, message) in [
                (try samAccount.requireID().uuidString, "Moving on", "The relationship is already with this peer worker."),
                (try chris.requireID().uuidString, "Moving on", "Choose the peer worker who will carry on."),
                ("", "", "Choose the peer worker who will carry on."),
            ] {
                let page = try await sam.post(path + "/handover", [("handoverTo", to), ("handoverReason", reason)])
                #expect(page.status == .unprocessableEntity)
                #expect(page.contains(message), "\(message)")
            }
            let tama = try await context.account("tama.wiremu@demo.alongside.test")
            let noReason = try await sam.post(
                path + "/handover", [("handoverTo", try tama.requireID().uuidString), ("handoverReason", " ")])
            #expect(noReason.contains("Say why it is being handed over"))
            #expect(try await HandoverRecord.query(on: context.db).count() == 0)

            let done = try await sam.post(
                path + "/handover", [("handoverTo", try tama.requireID().uuidString), ("handoverReason", "I'm leaving.")])
            #expect(done.location == "/caseload", "the former worker goes back to their caseload")
        }
    }

    @Test func whenAWorkerLeavesACoordinatorHandsOverEveryRelationshipChoosingForEach() async throws {
        try await withTestApp { context in
            let (sam, first) = try await JourneyFlowTests.addPeer(context, name: "Mereana")
            try await sam.get("/peers/new")
            let samAccount = try await context.demoAccount(.peerWorker)
            let second = try #require(
                try await sam.post("/peers", [("preferredName", "Hone"), ("worker", try samAccount.requireID().uuidString)]).locationPath)
            let ids = [first, second].compactMap { UUID(uuidString: String($0.split(separator: "/").last ?? "")) }
            let tama = try await context.account("tama.wiremu@demo.alongside.test").requireID().uuidString
            let ana = try await context.account("ana.sousa@demo.alongside.test").requireID().uuidString
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            let service = try await coordinator.get("/relationships")
            #expect(service.contains("Hand over all of Sam Okafor's relationships"))
            let path = "/workers/\(try samAccount.requireID().uuidString.lowercased())/handover"
            let form = try await coordinator.get(path)
            #expect(form.contains("Who carries on with Mereana?") && form.contains("Who carries on with Hone?"))

            // One choice missing: nothing moves, and the other choice is kept.
            let missing = try await coordinator.post(
                path, [(BulkHandover.field(ids[0]), tama), (BulkHandover.field(ids[1]), ""), ("handoverReason", "Sam has left.")])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.contains("Choose the peer worker who will carry on."))
            #expect(missing.contains(#"value="\#(tama.lowercased())" selected"#))
            let stillSams = try await Relationship.query(on: context.db).filter(\.$workerID == samAccount.requireID()).count()
            #expect(stillSams == 2)

            let done = try await coordinator.post(
                path, [(BulkHandover.field(ids[0]), tama), (BulkHandover.field(ids[1]), ana), ("handoverReason", "Sam has left.")])
            #expect(done.status == .seeOther)
            #expect((try await coordinator.get(try #require(done.location))).contains("2 relationships were handed over"))
            let moved = try await Relationship.query(on: context.db).all()
            #expect(moved.first { $0.id == ids[0] }?.workerID.uuidString == tama)
            #expect(moved.first { $0.id == ids[1] }?.workerID.uuidString == ana)
            #expect(try await HandoverRecord.query(on: context.db).count() == 2)
        }
    }
}
