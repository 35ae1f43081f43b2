import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// The organisation's audit trail, newest first, for admins. It names who did what to which
/// record, by reference; it holds no note text and no words anyone wrote. Staff are named; a peer
/// (an account with no role but peer) is shown as "A peer" and a short id, never by name.
enum AuditTrailController {
    static let pageSize = 50

    struct Row: Sendable {
        let occurredAt: Date
        /// The staff member's name, or a reference: "A peer (1a2b3c4d)".
        let who: String
        let action: String
        /// The record's kind and short id: "peer 1a2b3c4d".
        let target: String
        let outcome: String
        let detail: String
    }

    /// The first eight hex digits of an id: enough to tell records apart on one page.
    static func shortID(_ id: UUID) -> String {
        String(id.uuidString.lowercased().prefix(8))
    }

    static func who(actorID: UUID?, displayName: String?, isStaff: Bool, isPeer: Bool) -> String {
        guard let actorID else { return "Someone not signed in" }
        if isStaff, let displayName { return displayName }
        return (isPeer ? "A peer" : "An account") + " (\(shortID(actorID)))"
    }

    static func target(kind: String, id: String?) -> String {
        guard let id, !id.isEmpty else { return kind }
        if let uuid = UUID(idText: id) { return "\(kind) \(shortID(uuid))" }
        return "\(kind) \(id.prefix(64))"
    }

    static func show(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let page = max(1, min((try? request.query.get(Int.self, at: "page")) ?? 1, 100_000))
        let sql = request.db as! any SQLDatabase
        let rows = try await sql.raw(
            """
            SELECT e.occurred_at, e.action, e.target_kind, e.target_id, e.outcome, e.detail, e.actor_id, a.display_name,
                CASE WHEN EXISTS (
                    SELECT 1 FROM account_roles r
                    WHERE r.account_id = a.id AND r.organisation_id = e.organisation_id AND r.role <> \(bind: Role.peer.rawValue)
                ) THEN 1 ELSE 0 END AS is_staff,
                CASE WHEN EXISTS (
                    SELECT 1 FROM account_roles r
                    WHERE r.account_id = a.id AND r.organisation_id = e.organisation_id AND r.role = \(bind: Role.peer.rawValue)
                ) THEN 1 ELSE 0 END AS is_peer
            FROM audit_entries e LEFT JOIN accounts a ON a.id = e.actor_id AND a.organisation_id = e.organisation_id
            WHERE e.organisation_id = \(bind: actor.organisationID)
            ORDER BY e.sequence DESC
            LIMIT \(unsafeRaw: String(pageSize + 1)) OFFSET \(unsafeRaw: String((page - 1) * pageSize))
            """
        ).all()
        let entries = try rows.prefix(pageSize).map { row in
            Row(
                occurredAt: try row.decode(column: "occurred_at", as: Date.self),
                who: who(
                    actorID: try row.decodeOptionalID(column: "actor_id"),
                    displayName: try row.decode(column: "display_name", as: String?.self),
                    isStaff: try row.decode(column: "is_staff", as: Int.self) == 1,
                    isPeer: try row.decode(column: "is_peer", as: Int.self) == 1),
                action: try row.decode(column: "action", as: String.self),
                target: target(
                    kind: try row.decode(column: "target_kind", as: String.self),
                    id: try row.decode(column: "target_id", as: String?.self)),
                outcome: try row.decode(column: "outcome", as: String.self),
                detail: try row.decode(column: "detail", as: String.self))
        }
        try await request.audit.record(
            request, action: Action.viewAuditTrail.rawValue, target: "auditTrail",
            targetID: "page \(page)", outcome: .success)
        return AuditTrailView.render(request, entries: entries, page: page, hasMore: rows.count > pageSize)
    }
}
