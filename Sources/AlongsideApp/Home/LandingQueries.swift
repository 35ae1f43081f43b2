import AlongsideDomain
import Fluent
import Foundation
import SQLKit

/// What each role's landing page gathers: a worker's day, a coordinator's overview.
enum LandingQueries {
    struct Planned: Sendable {
        let relationshipID: UUID
        let startsAt: Date
        let minutes: Int
        let place: String
        let peerName: String
    }

    /// A worker's planned conversations from one instant up to another, soonest first.
    static func planned(forWorker workerID: UUID, in organisationID: UUID, from start: Date, to end: Date, on database: any Database)
        async throws -> [Planned]
    {
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT pc.relationship_id, pc.starts_at, pc.minutes, pc.place, p.preferred_name
            FROM planned_conversations pc
            JOIN relationships r ON r.id = pc.relationship_id AND r.organisation_id = pc.organisation_id
            JOIN peers p ON p.id = r.peer_id AND p.organisation_id = pc.organisation_id
            WHERE pc.organisation_id = \(bind: organisationID) AND r.worker_id = \(bind: workerID)
              AND pc.cancelled_at IS NULL AND pc.starts_at >= \(bind: start) AND pc.starts_at < \(bind: end)
            ORDER BY pc.starts_at
            LIMIT 200
            """
        ).all()
        return try rows.map { row in
            Planned(
                relationshipID: try row.decodeID(column: "relationship_id"), startsAt: try row.decode(column: "starts_at", as: Date.self),
                minutes: try row.decode(column: "minutes", as: Int.self), place: try row.decodeSealed(column: "place"),
                peerName: try row.decodeSealed(column: "preferred_name"))
        }
    }

    /// How many relationships stand at each stage now, across the service.
    static func stageCounts(in organisationID: UUID, on database: any Database) async throws -> [Stage: Int] {
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT r.current_stage AS to_stage, COUNT(*) AS n
            FROM relationships r
            WHERE r.organisation_id = \(bind: organisationID) AND r.current_stage IS NOT NULL
            GROUP BY r.current_stage
            """
        ).all()
        var counts: [Stage: Int] = [:]
        for row in rows {
            if let stage = Stage(rawValue: try row.decode(column: "to_stage", as: String.self)) {
                counts[stage] = try row.decode(column: "n", as: Int.self)
            }
        }
        return counts
    }

    struct WaitingHandover: Sendable {
        let workerID: UUID
        let workerName: String
        let relationships: Int
    }

    /// Relationships still open with a peer worker whose account is deactivated: someone has left
    /// and their peers are waiting to be handed to a colleague.
    static func waitingHandovers(in organisationID: UUID, on database: any Database) async throws -> [WaitingHandover] {
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT w.id, w.display_name, COUNT(*) AS n FROM relationships r
            JOIN accounts w ON w.id = r.worker_id AND w.organisation_id = r.organisation_id
            WHERE r.organisation_id = \(bind: organisationID) AND w.deactivated_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM relationship_endings e WHERE e.relationship_id = r.id)
            GROUP BY w.id, w.display_name
            ORDER BY w.display_name
            """
        ).all()
        return try rows.map {
            WaitingHandover(
                workerID: try $0.decodeID(column: "id"), workerName: try $0.decode(column: "display_name", as: String.self),
                relationships: try $0.decode(column: "n", as: Int.self))
        }
    }
}
