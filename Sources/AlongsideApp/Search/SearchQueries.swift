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

    /// How many peers the index may offer before names are opened: far more than a page, so the
    /// first letters of a common name still find everyone who has them.
    static let candidateLimit = 2000

    /// - Parameter workerID: only this worker's relationships, or nil for the whole service.
    static func peers(matching folded: String, workerID: UUID?, in organisationID: UUID, on database: any Database) async throws
        -> [Found]
    {
        let sql = database as! any SQLDatabase
        // First the peers the blind index offers, from one narrow table (only a worker's own, joined
        // from their relationships), their names opened to drop the index's false matches and put
        // in order; then, for those few, where each relationship stands.
        let peers = try await candidates(
            folded, match: .anywhere, workerID: workerID, in: organisationID, on: sql, limit: candidateLimit
        ).prefix(limit + 1).map(\.id)
        guard !peers.isEmpty else { return [] }
        // The stage now is kept on each relationship's row (`JourneySummary`).
        var query: SQLQueryString = """
            SELECT r.id, p.preferred_name, p.pronouns, w.display_name AS worker_name, r.started_at, r.current_stage AS to_stage
            FROM peers p
            JOIN relationships r ON r.peer_id = p.id AND r.organisation_id = p.organisation_id
            JOIN accounts w ON w.id = r.worker_id AND w.organisation_id = r.organisation_id
            WHERE p.organisation_id = \(bind: organisationID) AND p.id IN \(SQLBind.group(Array(peers)))
            """
        if let workerID { query = query + " AND r.worker_id = \(bind: workerID)" }
        query = query + " ORDER BY r.started_at DESC"
        let found = try await sql.raw(query).all().compactMap { row -> (key: String, found: Found)? in
            guard let stage = try row.decode(column: "to_stage", as: String?.self).flatMap(Stage.init(rawValue:)) else { return nil }
            let name: String = try row.decodeSealed(column: "preferred_name")
            return (
                SearchKey.fold(name),
                Found(
                    relationshipID: try row.decodeID(column: "id"), peerName: name, pronouns: try row.decodeSealed(column: "pronouns"),
                    stage: stage, workerName: try row.decode(column: "worker_name", as: String.self))
            )
        }
        // Stable: within one name, the newest relationship first, as the statement ordered them.
        return Array(
            found.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element.found).prefix(limit + 1))
    }

    /// The peers whose names match, by name: the index narrows, the opened name decides.
    static func candidates(
        _ folded: String, match: SearchKey.Match, workerID: UUID?, in organisationID: UUID, on sql: any SQLDatabase, limit: Int
    ) async throws -> [(id: UUID, name: String)] {
        let matching: SQLQueryString =
            if let workerID {
                """
                SELECT DISTINCT p.id, p.preferred_name FROM relationships r
                JOIN peers p ON p.id = r.peer_id AND p.organisation_id = r.organisation_id
                WHERE r.organisation_id = \(bind: organisationID) AND r.worker_id = \(bind: workerID)
                  AND \(SearchIndex.condition(folded, match: match, column: "p.search_key")) LIMIT \(bind: limit)
                """
            } else {
                """
                SELECT p.id, p.preferred_name FROM peers p
                WHERE p.organisation_id = \(bind: organisationID) AND \(SearchIndex.condition(folded, match: match, column: "p.search_key"))
                LIMIT \(bind: limit)
                """
            }
        return try await sql.raw(matching).all().compactMap { row -> (key: String, id: UUID, name: String)? in
            let name: String = try row.decodeSealed(column: "preferred_name")
            let key = SearchKey.fold(name)
            guard SearchKey.matches(name: key, query: folded, match: match) else { return nil }
            return (key, try row.decodeID(column: "id"), name)
        }.sorted { ($0.key, $0.id.uuidString) < ($1.key, $1.id.uuidString) }.map { ($0.id, $0.name) }
    }
}
