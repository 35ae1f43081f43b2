import Fluent
import Foundation
import SQLKit

/// Changes a row only if nobody changed it since the writer read it: the `version` they saw is
/// part of the WHERE clause, so of two saves racing, exactly one wins and the other is told.
enum OptimisticUpdate {
    /// - Returns: false when the row has moved on (or is gone), and nothing was written.
    static func apply(
        _ table: String, id: UUID, organisationID: UUID, expectedVersion: Int, on database: any Database,
        _ set: (SQLUpdateBuilder) -> SQLUpdateBuilder
    ) async throws -> Bool {
        let sql = database as! any SQLDatabase
        let builder = set(sql.update(table).set("version", to: SQLBind(expectedVersion + 1)))
            .where("id", .equal, SQLBind(id))
            .where("organisation_id", .equal, SQLBind(organisationID))
            .where("version", .equal, SQLBind(expectedVersion))
        let rows = try await builder.returning("id").all()
        return !rows.isEmpty
    }
}

/// Writes what may be written only once (a follow-up, a closing): the update applies only while
/// the column is still empty, so of two people racing, the first is kept and the second is told.
enum WriteOnce {
    struct AlreadyWritten: Error {}

    /// - Throws: `AlreadyWritten` when someone else wrote it first, and nothing was written.
    static func apply(
        _ table: String, id: UUID, organisationID: UUID, whileEmpty column: String, on database: any Database,
        _ set: (SQLUpdateBuilder) -> SQLUpdateBuilder
    ) async throws {
        let sql = database as! any SQLDatabase
        let rows = try await set(sql.update(table))
            .where("id", .equal, SQLBind(id))
            .where("organisation_id", .equal, SQLBind(organisationID))
            .where(SQLIdentifier(column), .is, SQLLiteral.null)
            .returning("id").all()
        if rows.isEmpty { throw AlreadyWritten() }
    }
}
