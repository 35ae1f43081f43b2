import AlongsideDomain
import Fluent
import SQLKit
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct AuditTrailTests {
    /// Some ordinary activity: sign-ins, a failed one, a role change, a look at an account.
    static func activity(_ context: TestContext) async throws {
        try await context.seedDemo()
        let admin = try await context.signedInClient("admin@demo.alongside.test")
        let tama = try await context.account("tama.wiremu@demo.alongside.test")
        try await admin.get("/admin/accounts/\(try tama.requireID().uuidString)")
        try await admin.post("/admin/accounts/\(try tama.requireID().uuidString)/roles", [("roles[]", "supervisor")])
        let stranger = context.client()
        try await stranger.get("/login")
        try await stranger.post("/login", [("email", "peer@demo.alongside.test"), ("password", "a wrong guess")])
    }

    @Test func theChainHoldsAfterOrdinaryActivity() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let verdict = try await AuditVerifier.verify(on: context.db)
            guard case .intact(let entries) = verdict else {
                Issue.record("expected an intact trail, got \(verdict)")
                return
            }
            #expect(entries >= 5)
        }
    }

    @Test func changingOneStoredRowIsCaughtAtThatRow() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let victim = try #require(try await AuditEntry.query(on: context.db).filter(\.$action == Action.changeRoles.rawValue).first())
            try await context.sql.update("audit_entries").set("detail", to: SQLBind("roles peerworker -> peerworker"))
                .where("sequence", .equal, SQLBind(victim.sequence)).run()
            let verdict = try await AuditVerifier.verify(on: context.db)
            #expect(
                verdict
                    == .broken(
                        atSequence: victim.sequence,
                        reason: "its contents no longer match its hash: it was changed after it was written"))
        }
    }

    @Test func rewritingARowAndItsHashIsCaughtAtTheNextRow() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let victim = try #require(try await AuditEntry.query(on: context.db).sort(\.$sequence).offset(2).first())
            try await context.sql.update("audit_entries").set("outcome", to: SQLBind("success")).set(
                "hash", to: SQLBind(String(repeating: "a", count: 64))
            )
            .where("sequence", .equal, SQLBind(victim.sequence)).run()
            let verdict = try await AuditVerifier.verify(on: context.db)
            if case .broken(let sequence, _) = verdict {
                #expect(sequence == victim.sequence || sequence == victim.sequence + 1)
            } else {
                Issue.record("tampering went unnoticed")
            }
        }
    }

    @Test func removingTheNewestEntriesIsCaught() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let last = try #require(try await AuditEntry.query(on: context.db).sort(\.$sequence, .descending).first())
            try await context.sql.delete(from: "audit_entries").where("sequence", .equal, SQLBind(last.sequence)).run()
            let verdict = try await AuditVerifier.verify(on: context.db)
            guard case .broken(let sequence, let reason) = verdict else {
                Issue.record("removal went unnoticed")
                return
            }
            #expect(sequence == last.sequence)
            #expect(reason.contains("removed"))
        }
    }

    @Test func concurrentWritersNeverForkTheChain() async throws {
        try await withTestApp { context in
            let log = AuditLog(database: context.db, clock: context.clock.appClock)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await log.append(
                            .init(
                                organisationID: nil, actorID: nil, action: "probe", targetKind: "test",
                                targetID: String(index), outcome: .success))
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await AuditVerifier.verify(on: context.db) == .intact(entries: 8))
        }
    }

    @Test func theAuditPageShowsThisOrganisationsEntriesToAdmins() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            let page = try await admin.get("/admin/audit")
            #expect(page.status == .ok)
            #expect(page.contains("changeRoles"))
            #expect(page.contains("Kai Thompson"))
        }
    }
}
