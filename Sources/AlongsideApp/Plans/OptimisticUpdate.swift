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
        try await ConditionalUpdate.apply(table, id: id, organisationID: organisationID, on: database) {
            set($0.set("version", to: SQLBind(expectedVersion + 1))).where("version", .equal, SQLBind(expectedVersion))
        }
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
        let applied = try await ConditionalUpdate.apply(table, id: id, organisationID: organisationID, on: database) {
            set($0).where(SQLIdentifier(column), .is, SQLLiteral.null)
        }
        if !applied { throw AlreadyWritten() }
    }
}

/// One row of the organisation's, changed only if the caller's condition still holds.
private enum ConditionalUpdate {
    static func apply(
        _ table: String, id: UUID, organisationID: UUID, on database: any Database, _ build: (SQLUpdateBuilder) -> SQLUpdateBuilder
    ) async throws -> Bool {
        let update = (database as! any SQLDatabase).update(table)
            .where("id", .equal, SQLBind(id))
            .where("organisation_id", .equal, SQLBind(organisationID))
        return try await !build(update).returning("id").all().isEmpty
    }
}
