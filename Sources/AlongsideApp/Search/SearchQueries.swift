import AlongsideDomain
import Fluent
import Foundation
import SQLKit

/// Finding peers by name, within what the asker may see: a peer worker the peers they walk (or
/// walked) alongside, a coordinator anyone in the service.
enum SearchQueries {
    struct Found: Sendable {
        let relationshipID: UUID
        let peerName: String
        let pronouns: String
        let stage: Stage
        let workerName: String
    }

    static let limit = 50

    /// - Parameter workerID: only this worker's relationships, or nil for the whole service.
    static func peers(matching folded: String, workerID: UUID?, in organisationID: UUID, on database: any Database) async throws
        -> [Found]
    {
        let sql = database as! any SQLDatabase
        // Words anywhere in the name, as typed: the wildcards people can't type are escaped.
        let escaped = folded.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        var query: SQLQueryString = """
            SELECT r.id, p.preferred_name, p.pronouns, t.to_stage, w.display_name AS worker_name
            FROM peers p
            JOIN relationships r ON r.peer_id = p.id AND r.organisation_id = p.organisation_id
            JOIN accounts w ON w.id = r.worker_id AND w.organisation_id = r.organisation_id
            JOIN stage_transitions t ON t.relationship_id = r.id
              AND t.position = (SELECT MAX(position) FROM stage_transitions m WHERE m.relationship_id = r.id)
            WHERE p.organisation_id = \(bind: organisationID) AND p.search_key LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'
            """
        if let workerID { query = query + " AND r.worker_id = \(bind: workerID)" }
        query = query + " ORDER BY p.search_key, r.started_at DESC LIMIT \(bind: limit + 1)"
        return try await sql.raw(query).all().compactMap { row in
            guard let stage = Stage(rawValue: try row.decode(column: "to_stage", as: String.self)) else { return nil }
            return Found(
                relationshipID: try row.decodeID(column: "id"), peerName: try row.decode(column: "preferred_name", as: String.self),
                pronouns: try row.decode(column: "pronouns", as: String.self), stage: stage,
                workerName: try row.decode(column: "worker_name", as: String.self))
        }
    }
}
