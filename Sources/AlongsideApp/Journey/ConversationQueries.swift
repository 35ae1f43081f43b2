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

    /// The newest `newest` conversations, or all of them.
    static func list(_ relationship: Relationship, newest: Int? = nil, on database: any Database) async throws -> [Listed] {
        let limit: SQLQueryString = newest.map { "LIMIT \(bind: $0)" } ?? ""
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT id, occurred_at, minutes, mode FROM conversations
            WHERE relationship_id = \(bind: try relationship.requireID()) AND organisation_id = \(bind: relationship.organisationID)
            ORDER BY occurred_at DESC \(limit)
            """
        ).all()
        return try rows.map { row in
            Listed(
                id: try row.decodeID(column: "id"), occurredAt: try row.decode(column: "occurred_at", as: Date.self),
                minutes: try row.decode(column: "minutes", as: Int.self), mode: try row.decode(column: "mode", as: String.self))
        }
    }

    /// When each conversation happened, newest first: all a timeline needs of a long relationship.
    static func dates(of relationship: Relationship, on database: any Database) async throws -> [Date] {
        try await (database as! any SQLDatabase).raw(
            """
            SELECT occurred_at FROM conversations
            WHERE relationship_id = \(bind: try relationship.requireID()) AND organisation_id = \(bind: relationship.organisationID)
            ORDER BY occurred_at DESC
            """
        ).all().map { try $0.decode(column: "occurred_at", as: Date.self) }
    }

    /// The other copies of a group conversation that this actor may read, with whose copy each is.
    static func groupSiblings(of note: Conversation, for principal: Principal, on database: any Database) async throws
        -> [(id: UUID, peerName: String)]
    {
        guard let groupID = note.groupID else { return [] }
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT c.id, r.worker_id, p.preferred_name FROM conversations c
            JOIN relationships r ON r.id = c.relationship_id AND r.organisation_id = c.organisation_id
            JOIN peers p ON p.id = r.peer_id AND p.organisation_id = c.organisation_id
            WHERE c.group_id = \(bind: groupID) AND c.organisation_id = \(bind: note.organisationID) AND c.id <> \(bind: try note.requireID())
            """
        ).all()
        return try rows.compactMap { row in
            let resource = Resource(
                kind: .conversation, organisationID: note.organisationID, workerID: try row.decodeID(column: "worker_id"),
                category: .sharedNotes)
            guard AccessPolicy.decide(principal, .viewConversation, resource).isAllowed else { return nil }
            return (try row.decodeID(column: "id"), try row.decodeSealed(column: "preferred_name"))
        }.sorted { SearchKey.fold($0.peerName) < SearchKey.fold($1.peerName) }
    }
}
