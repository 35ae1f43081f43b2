import AlongsideDomain
import Fluent
import Foundation
import SQLKit

enum PlanningQueries {
    /// Plans still to come for a relationship, soonest first.
    static func upcoming(for relationship: Relationship, now: Date, on database: any Database) async throws -> [PlannedConversation] {
        try await database.models(
            PlannedConversation.self,
            """
            SELECT * FROM planned_conversations WHERE relationship_id = \(bind: try relationship.requireID())
            AND organisation_id = \(bind: relationship.organisationID) AND cancelled_at IS NULL AND starts_at >= \(bind: now)
            ORDER BY starts_at
            """)
    }

    /// A worker's plans for their calendar: the last month and everything ahead, cancelled ones
    /// included so a phone removes them. Peers appear as initials only.
    static func feedEvents(for workerID: UUID, in organisationID: UUID, now: Date, on database: any Database) async throws
        -> [CalendarFeed.Event]
    {
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT pc.id, pc.starts_at, pc.minutes, pc.place, pc.cancelled_at, p.preferred_name
            FROM planned_conversations pc
            JOIN relationships r ON r.id = pc.relationship_id AND r.organisation_id = pc.organisation_id
            JOIN peers p ON p.id = r.peer_id AND p.organisation_id = pc.organisation_id
            WHERE pc.organisation_id = \(bind: organisationID) AND r.worker_id = \(bind: workerID)
              AND pc.starts_at >= \(bind: now.addingTimeInterval(-31 * 86_400))
            ORDER BY pc.starts_at
            LIMIT 500
            """
        ).all()
        return try rows.map { row in
            CalendarFeed.Event(
                id: try row.decodeID(column: "id"), startsAt: try row.decode(column: "starts_at", as: Date.self),
                minutes: try row.decode(column: "minutes", as: Int.self),
                peerInitials: Initials.of(try row.decodeSealed(column: "preferred_name")),
                place: try row.decodeSealed(column: "place"),
                cancelled: try row.decode(column: "cancelled_at", as: Date?.self) != nil)
        }
    }
}
