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
        if !filters.peer.isEmpty, peerReference(filters.peer) == nil {
            errors.add("peer", "A peer's reference is the 8 characters the trail shows after \"peer\", such as 1a2b3c4d.")
        }
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

    /// A peer's reference as the trail shows it: the first eight (or more) hex digits of their id.
    static func peerReference(_ text: String) -> String? {
        let reference = text.lowercased().trimmingWhitespace()
        guard (8...36).contains(reference.count), reference.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { return nil }
        return reference
    }

    /// Every record id that belongs to the peer with this reference: the peer, their relationships,
    /// notes and concerns. By reference, never by name: the trail names no peer, and a search by
    /// name would let a reader put names to records a letter at a time.
    static func recordIDs(ofPeer reference: String, in organisationID: UUID, on database: any Database) async throws -> [String] {
        let peers = try await Peer.query(on: database).filter(\.$organisationID == organisationID).all(\.$id)
            .filter { $0.uuidString.lowercased().hasPrefix(reference) }
        guard !peers.isEmpty else { return [] }
        let relationships = try await Relationship.query(on: database).filter(\.$organisationID == organisationID)
            .filter(\.$peerID ~~ peers).all(\.$id)
        var ids = peers + relationships
        if !relationships.isEmpty {
            ids += try await Conversation.query(on: database).filter(\.$organisationID == organisationID)
                .filter(\.$relationshipID ~~ relationships).all(\.$id)
            ids += try await ConcernRecord.query(on: database).filter(\.$organisationID == organisationID)
                .filter(\.$relationshipID ~~ relationships).all(\.$id)
        }
        return ids.flatMap { [$0.uuidString, $0.uuidString.lowercased()] }
    }

    static func show(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let page = max(1, min((try? request.query.get(Int.self, at: "page")) ?? 1, 100_000))
        let sql = request.db as! any SQLDatabase
        let (filters, errors) = Self.filters(request)
        // A filter that can't be read shows nothing rather than everything.
        var narrowing: SQLQueryString = errors.isEmpty ? "" : " AND 1 = 0"
        if let person = filters.person { narrowing = narrowing + " AND e.actor_id = \(bind: person)" }
        if let reference = peerReference(filters.peer) {
            let ids = try await recordIDs(ofPeer: reference, in: actor.organisationID, on: request.db)
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
            targetID: "page \(page)", outcome: .success,
            detail: filters.isEmpty
                ? ""
                : "filtered: "
                    + [
                        filters.person.map { "person \($0.uuidString)" }, filters.peer.isEmpty ? nil : "peer \(filters.peer)",
                        filters.from.isEmpty ? nil : "from \(filters.from)", filters.to.isEmpty ? nil : "to \(filters.to)",
                    ].compactMap { $0 }.joined(separator: ", "))
        let people = try await AccountQueries.list(in: actor.organisationID, on: request.db)
            .filter { $0.roles.contains { $0 != .peer } }.map { (id: $0.id, name: $0.displayName) }
        return AuditTrailView.render(
            request.viewer, entries: entries, page: page, hasMore: rows.count > pageSize, filters: filters, people: people, errors: errors)
    }
}
