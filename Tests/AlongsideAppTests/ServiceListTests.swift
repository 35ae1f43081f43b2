import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct ServiceListTests {
    @Test func theServiceListComesAPageAtATimeAtScale() async throws {
        try await withTestApp { context in
            let demo = try await context.seedDemo()
            let coordinator = try await context.demoAccount(.coordinator)
            let sam = try await context.demoAccount(.peerWorker)
            let stats = try #require(
                try await DemoScale.seed(
                    scale: 1, organisationID: demo.organisationID, passwordHash: sam.passwordHash, author: try coordinator.requireID(),
                    demoWorker: try sam.requireID(), on: context.db, now: context.clock.now))
            #expect(stats.peers == 500 && stats.workers == 5)
            #expect(stats.busiestCount >= 200, "one relationship for the relationship-page benchmark")
            #expect(
                try await DemoScale.seed(
                    scale: 1, organisationID: demo.organisationID, passwordHash: sam.passwordHash, author: try coordinator.requireID(),
                    demoWorker: try sam.requireID(), on: context.db, now: context.clock.now) == nil, "scaling up happens once")

            let client = try await context.signedInClient("coordinator@demo.alongside.test")
            let first = try await client.get("/relationships")
            #expect(first.body.components(separatedBy: "<tr>").count - 1 == 101, "a header and 100 relationships")
            #expect(first.contains("Next 100") && !first.contains("Previous 100"))
            #expect(
                first.contains("Hand over all of Sam Okafor&#39;s relationships")
                    || first.contains("Hand over all of Sam Okafor's relationships"))
            let second = try await client.get("/relationships?page=2")
            #expect(second.contains("Previous 100"))
            let last = try await client.get("/relationships?page=6")
            #expect(last.contains("Previous 100") && !last.contains("Next 100"))
            #expect(try await client.get("/relationships?page=-3").status == .ok, "a nonsense page is the first page")
        }
    }
}
