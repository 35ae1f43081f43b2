import AlongsideDomain
import Fluent
import Foundation
import SQLKit

/// A peer's own record as they see it: their relationships, journeys and shared notes. Never a
/// private reflection, never a worker's notes on their own practice.
enum PortalQueries {
    struct SharedNote: Sendable {
        let id: UUID
        let occurredAt: Date
        let minutes: Int
        let mode: String
        let place: String
        let sharedNote: String
        let responses: Int
    }

    struct Journey: Sendable {
        let relationship: Relationship
        let workerName: String
        let transitions: [TransitionRecord]
        let notes: [SharedNote]
        let planned: [PlannedConversation]
        let headspace: HeadspaceRecord?
        let handovers: [JourneyStore.HandoverLine]
    }

    /// The peer record linked to this account, if there is one.
    static func peer(of accountID: UUID, in organisationID: UUID, on database: any Database) async throws -> Peer? {
        try await Peer.query(on: database).filter(\.$accountID == accountID).filter(\.$organisationID == organisationID).first()
    }

    static func journeys(of peer: Peer, now: Date, on database: any Database) async throws -> [Journey] {
        let relationships = try await Relationship.query(on: database)
            .filter(\.$peerID == peer.requireID())
            .filter(\.$organisationID == peer.organisationID)
            .sort(\.$startedAt, .descending)
            .all()
        let names = try await AccountQueries.names(of: relationships.map(\.workerID), in: peer.organisationID, on: database)
        var journeys: [Journey] = []
        for relationship in relationships {
            journeys.append(
                Journey(
                    relationship: relationship, workerName: names[relationship.workerID] ?? "your peer worker",
                    transitions: try await JourneyStore.transitions(of: relationship, on: database),
                    notes: try await sharedNotes(of: relationship, on: database),
                    planned: try await PlanningQueries.upcoming(for: relationship, now: now, on: database),
                    headspace: try await HeadspaceRecord.of(relationship, on: database),
                    handovers: try await JourneyStore.handovers(of: relationship, on: database)))
        }
        return journeys
    }

    private static func sharedNotes(of relationship: Relationship, on database: any Database) async throws -> [SharedNote] {
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT c.id, c.occurred_at, c.minutes, c.mode, c.place, c.shared_note,
                   (SELECT COUNT(*) FROM note_responses n WHERE n.conversation_id = c.id) AS responses
            FROM conversations c
            WHERE c.relationship_id = \(bind: try relationship.requireID()) AND c.organisation_id = \(bind: relationship.organisationID)
            ORDER BY c.occurred_at DESC
            """
        ).all()
        return try rows.map { row in
            SharedNote(
                id: try row.decodeID(column: "id"), occurredAt: try row.decode(column: "occurred_at", as: Date.self),
                minutes: try row.decode(column: "minutes", as: Int.self), mode: try row.decode(column: "mode", as: String.self),
                place: try row.decodeSealed(column: "place"),
                sharedNote: try row.decodeSealed(column: "shared_note"),
                responses: try row.decode(column: "responses", as: Int.self))
        }
    }

    /// Earlier wordings of the shared note, newest first, leaving out versions where only the
    /// worker's own text changed.
    static func earlierWordings(of note: Conversation, on database: any Database) async throws -> [(at: Date, text: String)] {
        let versions = try await ConversationVersion.query(on: database)
            .filter(\.$conversationID == note.requireID())
            .filter(\.$organisationID == note.organisationID)
            .sort(\.$version, .descending)
            .all()
        var wordings: [(at: Date, text: String)] = []
        var later = note.sharedNote
        for version in versions where version.sharedNote != later {
            wordings.append((version.writtenAt, version.sharedNote))
            later = version.sharedNote
        }
        return wordings
    }
}
