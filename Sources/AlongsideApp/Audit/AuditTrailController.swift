import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// The organisation's audit trail, newest first, for admins. It names who did what to which
/// record; it holds no note text.
enum AuditTrailController {
    static let pageSize = 50

    struct Row: Sendable {
        let occurredAt: Date
        let actorName: String?
        let action: String
        let targetKind: String
        let outcome: String
        let detail: String
    }

    static func show(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let page = max(1, min((try? request.query.get(Int.self, at: "page")) ?? 1, 100_000))
        let sql = request.db as! any SQLDatabase
        let rows = try await sql.raw(
            """
            SELECT e.occurred_at, e.action, e.target_kind, e.outcome, e.detail, a.display_name
            FROM audit_entries e LEFT JOIN accounts a ON a.id = e.actor_id AND a.organisation_id = e.organisation_id
            WHERE e.organisation_id = \(bind: actor.organisationID)
            ORDER BY e.sequence DESC
            LIMIT \(unsafeRaw: String(pageSize + 1)) OFFSET \(unsafeRaw: String((page - 1) * pageSize))
            """
        ).all()
        let entries = try rows.prefix(pageSize).map { row in
            Row(
                occurredAt: try row.decode(column: "occurred_at", as: Date.self),
                actorName: try row.decode(column: "display_name", as: String?.self),
                action: try row.decode(column: "action", as: String.self),
                targetKind: try row.decode(column: "target_kind", as: String.self),
                outcome: try row.decode(column: "outcome", as: String.self),
                detail: try row.decode(column: "detail", as: String.self))
        }
        try await request.audit.record(
            request, action: Action.viewAuditTrail.rawValue, target: "auditTrail",
            targetID: "page \(page)", outcome: .success)
        return AuditTrailView.render(request, entries: entries, page: page, hasMore: rows.count > pageSize)
    }
}
