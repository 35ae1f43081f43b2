import AlongsideDomain
import Fluent
import Foundation
import SQLKit

/// What peers said about their notes, for the note itself and for the worker's home.
enum NoteResponseQueries {
    struct Line: Sendable {
        let response: NoteResponse
        let authorName: String
        let answeredByName: String?
    }

    static func responses(to note: Conversation, on database: any Database) async throws -> [Line] {
        let responses = try await NoteResponse.query(on: database)
            .filter(\.$conversationID == note.requireID())
            .filter(\.$organisationID == note.organisationID)
            .sort(\.$writtenAt)
            .all()
        guard !responses.isEmpty else { return [] }
        let names = try await AccountQueries.names(
            of: responses.flatMap { [$0.writtenBy] + ($0.answeredBy.map { [$0] } ?? []) }, in: note.organisationID, on: database)
        return responses.map {
            Line(
                response: $0, authorName: names[$0.writtenBy] ?? "Someone", answeredByName: $0.answeredBy.map { names[$0] ?? "Someone" })
        }
    }

    /// Something a peer said that their worker should see: an open request to change a note, or a
    /// recent comment.
    struct Waiting: Sendable {
        let id: UUID
        let conversationID: UUID
        let peerName: String
        let kind: NoteResponseKind
        let writtenAt: Date
    }

    static func waiting(for workerID: UUID, in organisationID: UUID, commentsSince: Date, on database: any Database) async throws
        -> [Waiting]
    {
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT n.id, n.conversation_id, n.kind, n.written_at, p.preferred_name
            FROM note_responses n
            JOIN conversations c ON c.id = n.conversation_id AND c.organisation_id = n.organisation_id
            JOIN relationships r ON r.id = c.relationship_id AND r.organisation_id = n.organisation_id
            JOIN peers p ON p.id = r.peer_id AND p.organisation_id = n.organisation_id
            WHERE n.organisation_id = \(bind: organisationID) AND r.worker_id = \(bind: workerID)
              AND ((n.kind = 'correction' AND n.answered_at IS NULL) OR (n.kind = 'comment' AND n.dismissed_at IS NULL AND n.written_at >= \(bind: commentsSince)))
            ORDER BY n.written_at DESC
            LIMIT 50
            """
        ).all()
        return try rows.map { row in
            Waiting(
                id: try row.decodeID(column: "id"),
                conversationID: try row.decodeID(column: "conversation_id"),
                peerName: try row.decodeSealed(column: "preferred_name"),
                kind: NoteResponseKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .comment,
                writtenAt: try row.decode(column: "written_at", as: Date.self))
        }
    }
}
