import AlongsideDomain
import Fluent
import Foundation
import SQLKit

enum ConcernQueries {
    static func concerns(of relationship: Relationship, on database: any Database) async throws -> [ConcernRecord] {
        try await database.models(
            ConcernRecord.self,
            """
            SELECT * FROM concerns WHERE relationship_id = \(bind: try relationship.requireID())
            AND organisation_id = \(bind: relationship.organisationID) ORDER BY opened_at DESC
            """)
    }

    static func escalation(of concern: ConcernRecord, on database: any Database) async throws -> EscalationRecord? {
        try await EscalationRecord.query(on: database).filter(\.$concernID == concern.requireID())
            .filter(\.$organisationID == concern.organisationID).first()
    }

    /// An open concern on a supervisor's page: peer as initials, whether it was escalated, and
    /// whether a follow-up is due. Nothing of what was written.
    struct Open: Sendable {
        let id: UUID
        let workerID: UUID
        /// For the worker's own page; a supervisor sees only `peerInitials`.
        let peerName: String
        let openedAt: Date
        let talkAgainOn: Date
        let escalatedAt: Date?
        let followUpDue: Date?
        let followedUp: Bool

        var peerInitials: String { Initials.of(peerName) }
        var followUpWaiting: Bool { escalatedAt != nil && !followedUp }
    }

    static func open(forWorkers workers: [UUID], in organisationID: UUID, on database: any Database) async throws -> [Open] {
        guard !workers.isEmpty else { return [] }
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT c.id, r.worker_id, p.preferred_name, c.opened_at, c.talk_again_on, e.contacted_at, e.follow_up_due, e.followed_up_at
            FROM concerns c
            JOIN relationships r ON r.id = c.relationship_id AND r.organisation_id = c.organisation_id
            JOIN peers p ON p.id = r.peer_id AND p.organisation_id = c.organisation_id
            LEFT JOIN escalations e ON e.concern_id = c.id AND e.organisation_id = c.organisation_id
            WHERE c.organisation_id = \(bind: organisationID) AND c.closed_at IS NULL
              AND r.worker_id IN \(SQLBind.group(workers))
            ORDER BY c.opened_at DESC
            """
        ).all()
        return try rows.map { row in
            Open(
                id: try row.decodeID(column: "id"), workerID: try row.decodeID(column: "worker_id"),
                peerName: try row.decodeSealed(column: "preferred_name"),
                openedAt: try row.decode(column: "opened_at", as: Date.self),
                talkAgainOn: try row.decode(column: "talk_again_on", as: Date.self),
                escalatedAt: try row.decodeNil(column: "contacted_at") ? nil : try row.decode(column: "contacted_at", as: Date.self),
                followUpDue: try row.decodeNil(column: "follow_up_due") ? nil : try row.decode(column: "follow_up_due", as: Date.self),
                followedUp: !(try row.decodeNil(column: "followed_up_at")))
        }
    }

    /// What a coordinator sees: how many, never what.
    struct Counts: Sendable {
        var towardsPlans = 0
        var safetyPlans = 0
        var agreedSafetyPlans = 0
        var openConcerns = 0
        var escalatedOpenConcerns = 0
        var checkIns = 0
    }

    static func counts(in organisationID: UUID, on database: any Database) async throws -> Counts {
        let sql = database as! any SQLDatabase
        let row = try await sql.raw(
            """
            SELECT
              (SELECT COUNT(*) FROM towards_plans WHERE organisation_id = \(bind: organisationID)) AS towards,
              (SELECT COUNT(*) FROM safety_plans WHERE organisation_id = \(bind: organisationID) AND version > 0) AS safety,
              (SELECT COUNT(*) FROM safety_plans WHERE organisation_id = \(bind: organisationID) AND agreed_version = version) AS agreed,
              (SELECT COUNT(*) FROM concerns WHERE organisation_id = \(bind: organisationID) AND closed_at IS NULL) AS open_concerns,
              (SELECT COUNT(*) FROM concerns c JOIN escalations e ON e.concern_id = c.id
                 WHERE c.organisation_id = \(bind: organisationID) AND c.closed_at IS NULL) AS escalated,
              (SELECT COUNT(*) FROM check_ins WHERE organisation_id = \(bind: organisationID)) AS check_ins
            """
        ).first()
        guard let row else { return Counts() }
        return Counts(
            towardsPlans: try row.decode(column: "towards", as: Int.self), safetyPlans: try row.decode(column: "safety", as: Int.self),
            agreedSafetyPlans: try row.decode(column: "agreed", as: Int.self),
            openConcerns: try row.decode(column: "open_concerns", as: Int.self),
            escalatedOpenConcerns: try row.decode(column: "escalated", as: Int.self),
            checkIns: try row.decode(column: "check_ins", as: Int.self))
    }

    /// Who hears about an escalation at once: the worker's supervisors or, if nobody supervises
    /// them yet, the service's coordinators (who are told to talk to the worker, not what was written).
    static func coordinators(in organisationID: UUID, on database: any Database) async throws -> Set<UUID> {
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT r.account_id FROM account_roles r JOIN accounts a ON a.id = r.account_id AND a.organisation_id = r.organisation_id
            WHERE r.organisation_id = \(bind: organisationID) AND r.role = \(bind: Role.coordinator.rawValue) AND a.deactivated_at IS NULL
            """
        ).all()
        return Set(try rows.map { try $0.decodeID(column: "account_id") })
    }
}
