import AlongsideDomain
import Fluent
import Foundation
import SQLKit

/// Conversation dates and kinds for a relationship, newest first: never the note text, so the
/// same list can be shown to everyone who may see the journey.
enum ConversationQueries {
    struct Listed: Sendable {
        let id: UUID
        let occurredAt: Date
        let minutes: Int
        let mode: String
    }

    static func list(_ relationship: Relationship, on database: any Database) async throws -> [Listed] {
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT id, occurred_at, minutes, mode FROM conversations
            WHERE relationship_id = \(bind: try relationship.requireID()) AND organisation_id = \(bind: relationship.organisationID)
            ORDER BY occurred_at DESC
            """
        ).all()
        return try rows.map { row in
            Listed(
                id: try row.decode(column: "id", as: UUID.self), occurredAt: try row.decode(column: "occurred_at", as: Date.self),
                minutes: try row.decode(column: "minutes", as: Int.self), mode: try row.decode(column: "mode", as: String.self))
        }
    }
}
