import AlongsideDomain
import Fluent
import Foundation
import SQLKit

/// A peer worker's relationships with where each stands, in one query: aggregated in SQL, never
/// by loading every transition into Swift.
enum CaseloadQueries {
    struct Row: Sendable {
        let relationshipID: UUID
        let peerName: String
        let pronouns: String
        let stage: Stage
        let since: Date
        let startedAt: Date
        let stepBacks: Int
        let lastConversation: Date?
        let nextConversation: Date?
        let workerID: UUID
        let workerName: String
    }

    /// Stage order in SQL, matching `Stage.order`, for counting step-backs.
    static func order(_ column: String) -> String {
        "CASE \(column) WHEN 'safe_place' THEN 0 WHEN 'working_partnership' THEN 1 WHEN 'stepping_out' THEN 2 ELSE 3 END"
    }

    /// The orders a caseload can be read in. Ended relationships always come last.
    enum Order: String, CaseIterable, Sendable {
        case recent
        case stage
        case quiet

        var label: String {
            switch self {
            case .recent: "Most recently moved"
            case .stage: "By stage"
            case .quiet: "Longest without a conversation"
            }
        }

        /// Applied to the query as a subselect, so the same words work in SQLite and PostgreSQL.
        var sql: String {
            let endedLast = "CASE WHEN q.to_stage = 'ended' THEN 1 ELSE 0 END"
            switch self {
            case .recent: return "\(endedLast), q.at DESC"
            case .stage: return "\(endedLast), \(CaseloadQueries.order("q.to_stage")), q.at DESC"
            case .quiet: return "\(endedLast), COALESCE(q.last_conversation, q.started_at) ASC"
            }
        }
    }

    /// - Parameter workerID: one peer worker's caseload, or nil for the whole service (coordinators).
    static func caseload(
        of workerID: UUID?, in organisationID: UUID, stage: Stage?, sortedBy: Order = .recent, page: Page? = nil, now: Date,
        on database: any Database
    ) async throws
        -> [Row]
    {
        let sql = database as! any SQLDatabase
        var query: SQLQueryString = """
            SELECT * FROM (SELECT r.id, r.started_at, p.preferred_name, p.pronouns, r.current_stage AS to_stage, r.stage_since AS at,
                   r.step_backs,
                   (SELECT MAX(c.occurred_at) FROM conversations c WHERE c.relationship_id = r.id) AS last_conversation,
                   (SELECT MIN(pc.starts_at) FROM planned_conversations pc
                     WHERE pc.relationship_id = r.id AND pc.cancelled_at IS NULL AND pc.starts_at >= \(bind: now)) AS next_conversation,
                   r.worker_id, w.display_name AS worker_name
            FROM relationships r
            JOIN peers p ON p.id = r.peer_id AND p.organisation_id = r.organisation_id
            JOIN accounts w ON w.id = r.worker_id AND w.organisation_id = r.organisation_id
            WHERE r.organisation_id = \(bind: organisationID)
            """
        if let workerID { query = query + " AND r.worker_id = \(bind: workerID)" }
        if let stage { query = query + " AND r.current_stage = \(bind: stage.rawValue)" }
        query = query + ") q ORDER BY \(unsafeRaw: sortedBy.sql)"
        if let page { query = query + " LIMIT \(bind: page.size + 1) OFFSET \(bind: page.offset)" }
        let rows = try await sql.raw(query).all()
        return try rows.compactMap { row in
            guard let current = try row.decode(column: "to_stage", as: String?.self).flatMap(Stage.init(rawValue:)) else { return nil }
            return Row(
                relationshipID: try row.decodeID(column: "id"),
                peerName: try row.decodeSealed(column: "preferred_name"),
                pronouns: try row.decodeSealed(column: "pronouns"),
                stage: current,
                since: try row.decode(column: "at", as: Date.self),
                startedAt: try row.decode(column: "started_at", as: Date.self),
                stepBacks: try row.decode(column: "step_backs", as: Int.self),
                lastConversation: try row.decode(column: "last_conversation", as: Date?.self),
                nextConversation: try row.decode(column: "next_conversation", as: Date?.self),
                workerID: try row.decodeID(column: "worker_id"),
                workerName: try row.decode(column: "worker_name", as: String.self))
        }
    }

    /// A page of a long list; one more row than the page is fetched, to know whether another follows.
    struct Page: Sendable {
        static let size = 100
        let number: Int
        var size: Int { Self.size }
        var offset: Int { (number - 1) * Self.size }
    }

    /// Peer workers who have at least one relationship that has not ended, for handing over.
    static func workersWithOpenRelationships(in organisationID: UUID, on database: any Database) async throws -> [(id: UUID, name: String)]
    {
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT DISTINCT w.id, w.display_name FROM relationships r
            JOIN accounts w ON w.id = r.worker_id AND w.organisation_id = r.organisation_id
            WHERE r.organisation_id = \(bind: organisationID)
              AND NOT EXISTS (SELECT 1 FROM relationship_endings e WHERE e.relationship_id = r.id)
            ORDER BY w.display_name
            """
        ).all()
        return try rows.map { (try $0.decodeID(column: "id"), try $0.decode(column: "display_name", as: String.self)) }
    }

    /// Active peer workers who can walk alongside a new peer.
    static func peerWorkers(in organisationID: UUID, on database: any Database) async throws -> [(id: UUID, name: String)] {
        try await AccountQueries.list(in: organisationID, on: database)
            .filter { $0.isActive && $0.roles.contains(.peerWorker) }
            .map { ($0.id, $0.displayName) }
    }
}
