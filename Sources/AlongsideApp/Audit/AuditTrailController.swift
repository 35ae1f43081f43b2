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

    /// What the trail is narrowed to: one person, one peer's records, a span of local days.
    struct Filters: Sendable {
        var person: UUID?
        var peer = ""
        var from = ""
        var to = ""

        var isEmpty: Bool { person == nil && peer.isEmpty && from.isEmpty && to.isEmpty }

        /// The filters as an address's query, for the pager.
        var query: String {
            var items: [(String, String)] = []
            if let person { items.append(("person", person.uuidString.lowercased())) }
            if !peer.isEmpty { items.append(("peer", peer)) }
            if !from.isEmpty { items.append(("from", from)) }
            if !to.isEmpty { items.append(("to", to)) }
            return items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                .joined(separator: "&")
        }
    }

    static func filters(_ request: Request) -> (Filters, FieldErrors) {
        var filters = Filters()
        var errors = FieldErrors()
        filters.person = (try? request.query.get(String.self, at: "person")).flatMap(UUID.init(uuidString:))
        filters.peer = String(((try? request.query.get(String.self, at: "peer")) ?? "").prefix(SearchKey.queryLimit))
            .trimmingWhitespace()
        for (field, label) in [("from", "From"), ("to", "To")] {
            let text = ((try? request.query.get(String.self, at: field)) ?? "").trimmingWhitespace()
            guard !text.isEmpty else { continue }
            if PlanDate.parse(String(text.prefix(20))) == nil {
                errors.add(field, "\(label): enter a date like 2026-11-24.")
            } else if field == "from" {
                filters.from = text
            } else {
                filters.to = text
            }
        }
        return (filters, errors)
    }

    /// Every record id that belongs to peers with this name: the peer, their relationships, notes and concerns.
    static func recordIDs(ofPeersNamed name: String, in organisationID: UUID, on sql: any SQLDatabase) async throws -> [String] {
        guard case .success(let folded?) = SearchKey.query(name) else { return [] }
        let escaped = folded.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        let rows = try await sql.raw(
            """
            SELECT p.id AS id FROM peers p WHERE p.organisation_id = \(bind: organisationID)
              AND p.search_key LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'
            UNION SELECT r.id FROM relationships r JOIN peers p ON p.id = r.peer_id
              WHERE p.organisation_id = \(bind: organisationID) AND p.search_key LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'
            UNION SELECT c.id FROM conversations c JOIN relationships r ON r.id = c.relationship_id JOIN peers p ON p.id = r.peer_id
              WHERE p.organisation_id = \(bind: organisationID) AND p.search_key LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'
            UNION SELECT k.id FROM concerns k JOIN relationships r ON r.id = k.relationship_id JOIN peers p ON p.id = r.peer_id
              WHERE p.organisation_id = \(bind: organisationID) AND p.search_key LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'
            LIMIT 5000
            """
        ).all()
        return try rows.flatMap { row -> [String] in
            let id = try row.decodeID(column: "id").uuidString
            return [id, id.lowercased()]
        }
    }

    static func show(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let page = max(1, min((try? request.query.get(Int.self, at: "page")) ?? 1, 100_000))
        let sql = request.db as! any SQLDatabase
        let (filters, errors) = Self.filters(request)
        var narrowing: SQLQueryString = ""
        if let person = filters.person { narrowing = narrowing + " AND e.actor_id = \(bind: person)" }
        if !filters.peer.isEmpty {
            let ids = try await recordIDs(ofPeersNamed: filters.peer, in: actor.organisationID, on: sql)
            narrowing = narrowing + (ids.isEmpty ? " AND 1 = 0" : " AND e.target_id IN \(SQLBind.group(ids))")
        }
        let zone = LocalClock.zone
        if let from = PlanDate.parse(filters.from) {
            narrowing = narrowing + " AND e.occurred_at >= \(bind: zone.startOfDay(Int(from.timeIntervalSince1970 / 86_400)))"
        }
        if let to = PlanDate.parse(filters.to) {
            narrowing = narrowing + " AND e.occurred_at < \(bind: zone.startOfDay(Int(to.timeIntervalSince1970 / 86_400) + 1))"
        }
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
            WHERE e.organisation_id = \(bind: actor.organisationID)\(narrowing)
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
                action: AuditWords.describe(try row.decode(column: "action", as: String.self)),
                target: target(
                    kind: try row.decode(column: "target_kind", as: String.self),
                    id: try row.decode(column: "target_id", as: String?.self)),
                outcome: try row.decode(column: "outcome", as: String.self),
                detail: try row.decode(column: "detail", as: String.self))
        }
        try await request.audit.record(
            request, action: Action.viewAuditTrail.rawValue, target: "auditTrail",
            targetID: "page \(page)", outcome: .success, detail: filters.isEmpty ? "" : "filtered")
        let people = try await AccountQueries.list(in: actor.organisationID, on: request.db)
            .filter { $0.roles.contains { $0 != .peer } }.map { (id: $0.id, name: $0.displayName) }
        return AuditTrailView.render(
            request, entries: entries, page: page, hasMore: rows.count > pageSize, filters: filters, people: people, errors: errors)
    }
}
