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
        for (table, column) in SealedColumns.all {
            while true {
                let changed = try await database.transaction { db -> Int? in
                    let sql = db as! any SQLDatabase
                    let rows = try await sql.raw(
                        """
                        SELECT id, \(ident: column) AS value FROM \(ident: table)
                        WHERE \(ident: column) <> '' AND \(ident: column) NOT LIKE \(bind: pattern(keyID)) LIMIT \(literal: batchSize)
                        """
                    ).all()
                    guard !rows.isEmpty else { return nil }
                    for row in rows {
                        let old = try row.decode(column: "value", as: String.self)
                        let sealed = try cipher.seal(try cipher.open(old), under: keyID)
                        try await sql.raw(
                            """
                            UPDATE \(ident: table) SET \(ident: column) = \(bind: sealed)
                            WHERE id = \(bind: try row.decode(column: "id", as: UUID.self)) AND \(ident: column) = \(bind: old)
                            """
                        ).run()
                    }
                    return rows.count
                }
                guard let changed else { break }
                done += changed
                progress(done)
            }
        }
        return done
    }

    private static func pattern(_ keyID: String) -> String { FieldCipher.prefix + keyID + ":%" }
}
