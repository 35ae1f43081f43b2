import Fluent
import Foundation
import SQLKit
import SQLiteKit
import Testing
import Vapor

@testable import AlongsideApp

/// On SQLite, reads outside a transaction go straight to the file on connections of their own
/// (`SQLiteReader`). They must read exactly what the pool reads, see a write the moment it is
/// committed, and never write.
@Suite(.enabled(if: TestDatabase.postgresURL == nil, "SQLite's own reading connections"))
struct ReadConnectionTests {
    private func request(_ context: TestContext) -> Request {
        Request(application: context.app, on: context.app.eventLoopGroup.next())
    }

    @Test func modelsReadTheSameThroughEitherPath() async throws {
        try await withTestApp { context in
            _ = try await context.seedDemo(journeys: true)
            let request = request(context)
            #expect(context.app.readConnections != nil)
            #expect(request.readDB is FluentReadDatabase)
            let pooled = try await Relationship.query(on: context.db).sort(\.$id).all()
            let read = try await Relationship.query(on: request.readDB).sort(\.$id).all()
            #expect(!pooled.isEmpty)
            #expect(read.count == pooled.count)
            for (a, b) in zip(pooled, read) {
                #expect(a.id == b.id && a.organisationID == b.organisationID && a.peerID == b.peerID && a.workerID == b.workerID)
                #expect(a.startedAt == b.startedAt && a.currentStage == b.currentStage && a.stageSince == b.stageSince)
                #expect(a.stepBacks == b.stepBacks && a.earlierRelationshipID == b.earlierRelationshipID)
                #expect(b.$id.exists, "a model read this way can be saved as one read through the pool")
            }
            let counted = try await Relationship.query(on: request.readDB).count()
            #expect(counted == pooled.count)
        }
    }

    @Test func rawRowsDecodeTheSameThroughEitherPath() async throws {
        try await withTestApp { context in
            _ = try await context.seedDemo(journeys: true)
            let query: SQLQueryString = """
                SELECT a.id, a.email, a.display_name, a.deactivated_at, a.created_at, r.role, 1.5 AS half, NULL AS empty_value, 1 AS one, 0 AS zero, 7 AS seven
                FROM accounts a LEFT JOIN account_roles r ON r.account_id = a.id ORDER BY a.id, r.role
                """
            let pooled = try await context.sql.raw(query).all()
            let read = try await request(context).reads.raw(query).all()
            #expect(!pooled.isEmpty && read.count == pooled.count)
            for (a, b) in zip(pooled, read) {
                #expect(a.allColumns == b.allColumns)
                #expect(try a.decodeID(column: "id") == b.decodeID(column: "id"))
                #expect(try a.decode(column: "id", as: UUID.self) == b.decode(column: "id", as: UUID.self))
                #expect(try a.decode(column: "id", as: UUID?.self) == b.decode(column: "id", as: UUID?.self))
                #expect(
                    try a.decode(column: "empty_value", as: UUID?.self) == nil && b.decode(column: "empty_value", as: UUID?.self) == nil)
                #expect(throws: (any Error).self) { try b.decode(column: "half", as: UUID.self) }
                #expect(throws: (any Error).self) { try b.decode(column: "empty_value", as: String.self) }
                #expect(try a.decode(column: "email", as: String.self) == b.decode(column: "email", as: String.self))
                #expect(try a.decode(column: "deactivated_at", as: Date?.self) == b.decode(column: "deactivated_at", as: Date?.self))
                #expect(try a.decode(column: "created_at", as: Date.self) == b.decode(column: "created_at", as: Date.self))
                #expect(try a.decode(column: "role", as: String?.self) == b.decode(column: "role", as: String?.self))
                #expect(try b.decode(column: "half", as: Double.self) == 1.5)
                #expect(try a.decode(column: "one", as: Bool.self) == b.decode(column: "one", as: Bool.self))
                #expect(try a.decode(column: "zero", as: Bool?.self) == b.decode(column: "zero", as: Bool?.self))
                #expect(try a.decode(column: "seven", as: Int.self) == b.decode(column: "seven", as: Int.self))
                #expect(try a.decode(column: "seven", as: Int64?.self) == b.decode(column: "seven", as: Int64?.self))
                #expect(try a.decode(column: "half", as: Double?.self) == b.decode(column: "half", as: Double?.self))
                #expect(try a.decode(column: "empty_value", as: Int?.self) == nil && b.decode(column: "empty_value", as: Int?.self) == nil)
                #expect(try a.decode(column: "seven", as: String.self) == b.decode(column: "seven", as: String.self))
                #expect(try b.decodeNil(column: "empty_value") && b.decodeNil(column: "no such column"))
                #expect(throws: (any Error).self) { try b.decode(column: "no such column", as: String.self) }
            }
        }
    }

    @Test func aCommittedWriteIsReadAtOnce() async throws {
        try await withTestApp { context in
            _ = try await context.seedDemo(journeys: true)
            let request = request(context)
            // Before and after, through statements the reader keeps prepared.
            let before = try await Relationship.query(on: request.readDB).count()
            let relationship = try #require(try await Relationship.query(on: context.db).first())
            try await context.sql.update("relationships").set("step_backs", to: SQLBind(41))
                .where("id", .equal, SQLBind(try relationship.requireID())).run()
            let seen = try await Relationship.query(on: request.readDB).filter(\.$id == relationship.requireID()).first()
            #expect(seen?.stepBacks == 41)
            try await context.sql.update("relationships").set("step_backs", to: SQLBind(relationship.stepBacks))
                .where("id", .equal, SQLBind(try relationship.requireID())).run()
            #expect(try await Relationship.query(on: request.readDB).count() == before)
        }
    }

    @Test func theReaderNeverWritesAndWritesGoToThePool() async throws {
        try await withTestApp { context in
            _ = try await context.seedDemo()
            let request = request(context)
            // The reading connections are query-only: a write asked of them directly fails.
            await #expect(throws: (any Error).self) {
                try await request.reads.raw("UPDATE accounts SET display_name = 'x'").run()
            }
            // Through the Fluent face, a write goes to the pool, and the next read sees it.
            let account = try #require(try await Account.query(on: request.readDB).first())
            account.displayName = "Renamed through the pool"
            try await account.save(on: request.readDB)
            let again = try await Account.query(on: request.readDB).filter(\.$id == account.requireID()).first()
            #expect(again?.displayName == "Renamed through the pool")
            // A transaction's reads stay on its own connection, so they see its writes before commit.
            try await request.readDB.transaction { transaction in
                try await (transaction as! any SQLDatabase).update("accounts").set("display_name", to: SQLBind("Inside"))
                    .where("id", .equal, SQLBind(try account.requireID())).run()
                let inside = try await Account.query(on: transaction).filter(\.$id == account.requireID()).first()
                #expect(inside?.displayName == "Inside")
            }
        }
    }

    @Test func aKeptStatementIsNotPreparedAgainOnEveryRun() async throws {
        try await withTestApp { context in
            _ = try await context.seedDemo(journeys: true)
            let path = try #require(context.app.readConnections?.path)
            let connection = try ReadConnection(path: path)
            // A join with an unused `col = ?` term and a bound LIMIT: SQLite notes that their values
            // might change the plan (a LIMIT's value does: a new one prepares it again), and clearing
            // the bindings after each run made every run prepare it again, values changed or not.
            let sql = """
                SELECT r.id, a.display_name FROM relationships r JOIN accounts a ON a.id = r.worker_id
                WHERE r.organisation_id = ?1 AND a.organisation_id = ?1 ORDER BY r.started_at DESC LIMIT ?2
                """
            let organisation = try #require(try await Relationship.query(on: context.db).first()).organisationID
            for _ in 0..<7 {
                let rows = try connection.read(sql, [try SQLiteDataEncoder().encode(organisation), .integer(5)])
                #expect(rows.count == 5)
            }
            // Once, when the first values are bound to the fresh statement; not on every run.
            #expect(connection.timesPreparedAgain(sql) <= 1)
        }
    }
}
