import Fluent
import Foundation
import SQLKit

/// Brings every sealed value under one data key, a batch at a time, each batch one transaction.
/// A value already under the key is skipped, so it can stop and start again; a value that changes
/// while it works is left for the next pass, never overwritten.
enum Resealing {
    static func remaining(under keyID: String, on sql: any SQLDatabase) async throws -> Int {
        var total = 0
        for (table, column) in SealedColumns.all {
            total +=
                try await sql.raw(
                    "SELECT COUNT(*) AS n FROM \(ident: table) WHERE \(ident: column) <> '' AND \(ident: column) NOT LIKE \(bind: pattern(keyID))"
                ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return total
    }

    /// - Returns: how many values were sealed again.
    @discardableResult
    static func run(
        to keyID: String, on database: any Database, cipher: FieldCipher = .shared, batchSize: Int = 500,
        progress: @Sendable (Int) -> Void = { _ in }
    ) async throws -> Int {
        var done = 0
        let sql = database as! any SQLDatabase
        for (table, column) in SealedColumns.all {
            while true {
                // Read outside the transaction: on SQLite a transaction that reads first and then
                // writes fails at once ("database is locked") if the server wrote in between,
                // where one that starts by writing waits its turn. Each update holds only over the
                // value read, so reading first loses nothing.
                let rows = try await sql.raw(
                    """
                    SELECT id, \(ident: column) AS value FROM \(ident: table)
                    WHERE \(ident: column) <> '' AND \(ident: column) NOT LIKE \(bind: pattern(keyID)) LIMIT \(literal: batchSize)
                    """
                ).all()
                guard !rows.isEmpty else { break }
                var changes: [(id: UUID, old: String, new: String)] = []
                for row in rows {
                    let old = try row.decode(column: "value", as: String.self)
                    changes.append((try row.decode(column: "id", as: UUID.self), old, try cipher.seal(try cipher.open(old), under: keyID)))
                }
                let batch = changes
                try await retryingWhileBusy {
                    try await database.transaction { db in
                        let sql = db as! any SQLDatabase
                        for change in batch {
                            try await sql.raw(
                                """
                                UPDATE \(ident: table) SET \(ident: column) = \(bind: change.new)
                                WHERE id = \(bind: change.id) AND \(ident: column) = \(bind: change.old)
                                """
                            ).run()
                        }
                    }
                }
                done += rows.count
                progress(done)
            }
        }
        return done
    }

    /// SQLite answers "database is locked" when the server holds the write lock longer than the
    /// busy timeout: wait and try the batch again rather than stop half way.
    private static func retryingWhileBusy(_ work: () async throws -> Void) async throws {
        for attempt in 1... {
            do {
                return try await work()
            } catch  where attempt < 20 && String(describing: error).contains("locked") {
                try await Task.sleep(nanoseconds: 200_000_000)
            }
        }
    }

    private static func pattern(_ keyID: String) -> String { FieldCipher.prefix + keyID + ":%" }
}
