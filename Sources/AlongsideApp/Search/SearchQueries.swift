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
        // First the peers whose names match, from one narrow table (only a worker's own, joined
        // from their relationships); then, for those few, where each relationship stands. In one
        // statement the planner walked every relationship's stages before filtering by name.
        // Words anywhere in the name, as typed.
        let pattern = SearchKey.likePattern(folded)
        let matching: SQLQueryString =
            if let workerID {
                """
                SELECT DISTINCT p.id, p.search_key FROM relationships r
                JOIN peers p ON p.id = r.peer_id AND p.organisation_id = r.organisation_id
                WHERE r.organisation_id = \(bind: organisationID) AND r.worker_id = \(bind: workerID)
                  AND p.search_key LIKE \(bind: pattern) ESCAPE '\\'
                ORDER BY p.search_key LIMIT \(bind: limit + 1)
                """
            } else {
                """
                SELECT p.id, p.search_key FROM peers p
                WHERE p.organisation_id = \(bind: organisationID) AND p.search_key LIKE \(bind: pattern) ESCAPE '\\'
                ORDER BY p.search_key LIMIT \(bind: limit + 1)
                """
            }
        let peers = try await sql.raw(matching).all().map { try $0.decodeID(column: "id") }
        guard !peers.isEmpty else { return [] }
        // The stage now is the last move of each of these few relationships, read through the
        // (relationship, position) index: joined instead, PostgreSQL planned it over every move.
        var query: SQLQueryString = """
            SELECT r.id, p.preferred_name, p.pronouns, w.display_name AS worker_name, p.search_key, r.started_at,
                   (SELECT t.to_stage FROM stage_transitions t WHERE t.relationship_id = r.id ORDER BY t.position DESC LIMIT 1)
                     AS to_stage
            FROM peers p
            JOIN relationships r ON r.peer_id = p.id AND r.organisation_id = p.organisation_id
            JOIN accounts w ON w.id = r.worker_id AND w.organisation_id = r.organisation_id
            WHERE p.organisation_id = \(bind: organisationID) AND p.id IN \(SQLBind.group(peers))
            """
        if let workerID { query = query + " AND r.worker_id = \(bind: workerID)" }
        query = query + " ORDER BY p.search_key, r.started_at DESC LIMIT \(bind: limit + 1)"
        return try await sql.raw(query).all().compactMap { row in
            guard let stage = try row.decode(column: "to_stage", as: String?.self).flatMap(Stage.init(rawValue:)) else { return nil }
            return Found(
                relationshipID: try row.decodeID(column: "id"), peerName: try row.decode(column: "preferred_name", as: String.self),
                pronouns: try row.decode(column: "pronouns", as: String.self), stage: stage,
                workerName: try row.decode(column: "worker_name", as: String.self))
        }
    }
}
