import Fluent
import Foundation
import SQLKit

/// Changes a row only if nobody changed it since the writer read it: the `version` they saw is
/// part of the WHERE clause, so of two saves racing, exactly one wins and the other is told.
enum OptimisticUpdate {
    /// - Returns: false when the row has moved on (or is gone), and nothing was written.
    static func apply(
        _ table: String, id: UUID, expectedVersion: Int, on database: any Database,
        _ set: (SQLUpdateBuilder) -> SQLUpdateBuilder
    ) async throws -> Bool {
        let sql = database as! any SQLDatabase
        let builder = set(sql.update(table).set("version", to: SQLBind(expectedVersion + 1)))
            .where("id", .equal, SQLBind(id))
            .where("version", .equal, SQLBind(expectedVersion))
        let rows = try await builder.returning("id").all()
        return !rows.isEmpty
    }
}
