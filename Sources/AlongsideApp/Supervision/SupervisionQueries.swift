import AlongsideDomain
import Fluent
import Foundation
import SQLKit

enum SupervisionQueries {
    static func activeLinks(in organisationID: UUID, on database: any Database) async throws -> [SupervisionLink] {
        try await SupervisionLink.query(on: database)
            .filter(\.$organisationID == organisationID)
            .filter(\.$endedAt == nil)
            .sort(\.$startedAt)
            .all()
    }

    /// The peer workers this supervisor supervises now.
    static func supervisees(of supervisorID: UUID, in organisationID: UUID, on database: any Database) async throws -> [UUID] {
        try await SupervisionLink.query(on: database)
            .filter(\.$organisationID == organisationID)
            .filter(\.$supervisorID == supervisorID)
            .filter(\.$endedAt == nil)
            .all()
            .map(\.workerID)
    }

    /// Who supervises this peer worker now: what the policy needs to decide a supervisor's read.
    static func supervisors(of workerID: UUID, in organisationID: UUID, on database: any Database) async throws -> Set<UUID> {
        Set(
            try await SupervisionLink.query(on: database)
                .filter(\.$organisationID == organisationID)
                .filter(\.$workerID == workerID)
                .filter(\.$endedAt == nil)
                .all()
                .map(\.supervisorID))
    }

    /// A conversation whose writer brought their reflection to supervision: when, and about whom
    /// in initials only.
    struct Brought: Sendable {
        let conversationID: UUID
        let occurredAt: Date
        let workerID: UUID
        let peerInitials: String
    }

    static func broughtToSupervision(by workers: [UUID], in organisationID: UUID, on database: any Database) async throws -> [Brought] {
        guard !workers.isEmpty else { return [] }
        let sql = database as! any SQLDatabase
        // A literal, not a bound value, so the partial index on brought-to-supervision notes applies.
        let yes = sql.dialect.name == "postgresql" ? "true" : "1"
        let rows = try await sql.raw(
            """
            SELECT c.id, c.occurred_at, c.written_by, p.preferred_name
            FROM conversations c
            JOIN relationships r ON r.id = c.relationship_id AND r.organisation_id = c.organisation_id
            JOIN peers p ON p.id = r.peer_id AND p.organisation_id = c.organisation_id
            WHERE c.organisation_id = \(bind: organisationID) AND c.for_supervision = \(unsafeRaw: yes)
              AND c.written_by IN (\(binds: workers))
            ORDER BY c.occurred_at DESC
            LIMIT 200
            """
        ).all()
        return try rows.map { row in
            Brought(
                conversationID: try row.decodeID(column: "id"),
                occurredAt: try row.decode(column: "occurred_at", as: Date.self),
                workerID: try row.decodeID(column: "written_by"),
                peerInitials: Initials.of(try row.decodeSealed(column: "preferred_name")))
        }
    }
}
