import AlongsideDomain
import Fluent
import Foundation

/// Writes to relationships: starting one, and moving it between stages. Each write and its audit
/// entry are saved together.
enum JourneyStore {
    struct StaleMove: Error {}

    static func start(
        peer: Peer, workerID: UUID, initiatedBy: Initiator, earlier: Relationship? = nil, by actor: Actor, on database: any Database,
        clock: AppClock, auditKey: AuditKey
    ) async throws -> Relationship {
        let now = clock.now()
        let relationship = Relationship(
            organisationID: peer.organisationID, peerID: try peer.requireID(), workerID: workerID, startedAt: now)
        relationship.earlierRelationshipID = earlier?.id
        relationship.currentStage = Stage.safePlace.rawValue
        relationship.stageSince = now
        try await relationship.create(on: database)
        let move = StageMove(to: .safePlace, initiatedBy: initiatedBy, reason: "")
        try await TransitionRecord(relationship: relationship, position: 1, from: nil, move: move, at: now, movedBy: actor.accountID)
            .create(on: database)
        try await AuditLog(database: database, clock: clock, key: auditKey).append(
            .init(
                organisationID: actor.organisationID, actorID: actor.accountID, action: "startRelationship", targetKind: "relationship",
                targetID: relationship.id?.uuidString, outcome: .success,
                detail: "worker \(workerID.uuidString.lowercased())" + (earlier?.id.map { ", after \($0.uuidString.lowercased())" } ?? "")))
        return relationship
    }

    /// Passes the relationship to another peer worker, keeping its whole history with it.
    static func handOver(
        _ relationship: Relationship, _ handover: Handover, by actor: Actor, on database: any Database, clock: AppClock,
        auditKey: AuditKey
    ) async throws {
        let now = clock.now()
        try await database.transaction { db in
            try await HandoverRecord(relationship: relationship, handover: handover, at: now, by: actor.accountID).create(on: db)
            relationship.workerID = handover.to
            try await relationship.save(on: db)
            try await AuditLog(database: db, clock: clock, key: auditKey).append(
                .init(
                    organisationID: actor.organisationID, actorID: actor.accountID, action: Action.handOver.rawValue,
                    targetKind: "relationship", targetID: relationship.id?.uuidString, outcome: .success,
                    detail: "to \(handover.to.uuidString.lowercased())"))
        }
    }

    struct HandoverLine: Sendable {
        let at: Date
        let from: String
        let to: String
        let reason: String
    }

    static func handovers(of relationship: Relationship, on database: any Database) async throws -> [HandoverLine] {
        let records = try await database.models(
            HandoverRecord.self,
            """
            SELECT * FROM handovers WHERE relationship_id = \(bind: try relationship.requireID())
            AND organisation_id = \(bind: relationship.organisationID) ORDER BY "at"
            """)
        guard !records.isEmpty else { return [] }
        let names = Dictionary(
            uniqueKeysWithValues: try await AccountQueries.list(in: relationship.organisationID, on: database).map {
                ($0.id, $0.displayName)
            })
        return records.map {
            HandoverLine(
                at: $0.at, from: names[$0.fromWorker] ?? "a former colleague", to: names[$0.toWorker] ?? "a colleague", reason: $0.reason)
        }
    }

    static func hasEnded(_ relationship: Relationship, on database: any Database) async throws -> Bool {
        try await database.exists(
            """
            SELECT 1 FROM relationship_endings WHERE relationship_id = \(bind: try relationship.requireID())
            AND organisation_id = \(bind: relationship.organisationID) LIMIT 1
            """)
    }

    static func ending(of relationship: Relationship, on database: any Database) async throws -> Ending? {
        try await database.model(
            EndingRecord.self,
            """
            SELECT * FROM relationship_endings WHERE relationship_id = \(bind: try relationship.requireID())
            AND organisation_id = \(bind: relationship.organisationID) LIMIT 1
            """)?.ending
    }

    static func transitions(of relationship: Relationship, on database: any Database) async throws -> [TransitionRecord] {
        try await database.models(
            TransitionRecord.self,
            """
            SELECT * FROM stage_transitions WHERE relationship_id = \(bind: try relationship.requireID())
            AND organisation_id = \(bind: relationship.organisationID) ORDER BY position
            """)
    }

    /// Appends a move. `expectedPosition` is the journey's length when the person loaded the page:
    /// if someone else moved it since, nothing is saved and `StaleMove` is thrown.
    static func move(
        _ relationship: Relationship, _ move: StageMove, ending: Ending? = nil, from current: Stage?, expectedPosition: Int,
        by actor: Actor,
        on database: any Database, clock: AppClock, auditKey: AuditKey
    ) async throws {
        let now = clock.now()
        try await database.transaction { db in
            let latest =
                try await TransitionRecord.query(on: db)
                .filter(\.$relationshipID == relationship.requireID())
                .max(\.$position) ?? 0
            guard latest == expectedPosition else { throw StaleMove() }
            do {
                try await TransitionRecord(
                    relationship: relationship, position: latest + 1, from: current, move: move, at: now, movedBy: actor.accountID
                )
                .create(on: db)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                throw StaleMove()
            }
            try await JourneySummary.moved(try relationship.requireID(), to: move.to, from: current, at: now, on: db)
            if let ending {
                try await EndingRecord(relationship: relationship, ending: ending, at: now).create(on: db)
            }
            try await AuditLog(database: db, clock: clock, key: auditKey).append(
                .init(
                    organisationID: actor.organisationID, actorID: actor.accountID, action: Action.moveStage.rawValue,
                    targetKind: "relationship", targetID: relationship.id?.uuidString, outcome: .success,
                    detail: "\(current?.rawValue ?? "-") -> \(move.to.rawValue), initiated by \(move.initiatedBy.rawValue)"))
        }
    }

    /// The relationships before and after this one with the same peer, if any.
    static func neighbours(of relationship: Relationship, on database: any Database) async throws -> (
        earlier: Relationship?, later: Relationship?
    ) {
        let earlier: Relationship? =
            if let id = relationship.earlierRelationshipID {
                try await database.model(
                    Relationship.self,
                    "SELECT * FROM relationships WHERE id = \(bind: id) AND organisation_id = \(bind: relationship.organisationID)")
            } else { nil }
        let later = try await database.model(
            Relationship.self,
            """
            SELECT * FROM relationships WHERE earlier_relationship_id = \(bind: try relationship.requireID())
            AND organisation_id = \(bind: relationship.organisationID) LIMIT 1
            """)
        return (earlier, later)
    }
}
