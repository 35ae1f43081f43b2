import AlongsideDomain
import Fluent
import Foundation

/// One peer and one peer worker, working together for a while.
final class Relationship: Model, @unchecked Sendable {
    static let schema = "relationships"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "peer_id") var peerID: UUID
    @Field(key: "worker_id") var workerID: UUID
    @Field(key: "started_at") var startedAt: Date
    @OptionalField(key: "earlier_relationship_id") var earlierRelationshipID: UUID?

    init() {}

    init(organisationID: UUID, peerID: UUID, workerID: UUID, startedAt: Date) {
        self.organisationID = organisationID
        self.peerID = peerID
        self.workerID = workerID
        self.startedAt = startedAt
    }

    /// What the access policy needs to know about this record.
    func resource(_ category: InformationCategory = .journey) -> Resource {
        Resource(kind: .relationship, organisationID: organisationID, workerID: workerID, category: category)
    }
}

/// One move in a relationship's journey. Never updated or deleted.
final class TransitionRecord: Model, @unchecked Sendable {
    static let schema = "stage_transitions"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "relationship_id") var relationshipID: UUID
    @Field(key: "position") var position: Int
    @OptionalField(key: "from_stage") var fromStage: String?
    @Field(key: "to_stage") var toStage: String
    @Field(key: "at") var at: Date
    @Field(key: "moved_by") var movedBy: UUID
    @Field(key: "initiated_by") var initiatedBy: String
    @Field(key: "reason") var reason: String

    init() {}

    init(relationship: Relationship, position: Int, from: Stage?, move: StageMove, at: Date, movedBy: UUID) throws {
        organisationID = relationship.organisationID
        relationshipID = try relationship.requireID()
        self.position = position
        fromStage = from?.rawValue
        toStage = move.to.rawValue
        self.at = at
        self.movedBy = movedBy
        initiatedBy = move.initiatedBy.rawValue
        reason = move.reason
    }

    var transition: StageTransition? {
        guard let to = Stage(rawValue: toStage), let initiator = Initiator(rawValue: initiatedBy) else { return nil }
        return StageTransition(from: fromStage.flatMap(Stage.init(rawValue:)), to: to, at: at, initiatedBy: initiator)
    }
}

/// How a relationship ended, saved with its final move.
final class EndingRecord: Model, @unchecked Sendable {
    static let schema = "relationship_endings"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "relationship_id") var relationshipID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "ending_conversation") var endingConversation: Bool
    @Field(key: "next_steps") var nextSteps: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    init(relationship: Relationship, ending: Ending, at: Date) throws {
        organisationID = relationship.organisationID
        relationshipID = try relationship.requireID()
        kind = ending.kind.rawValue
        endingConversation = ending.endingConversation
        nextSteps = ending.nextSteps.map(\.rawValue).sorted().joined(separator: ",")
        recordedAt = at
    }

    var ending: Ending? {
        guard let kind = Ending.Kind(rawValue: kind) else { return nil }
        return Ending(
            kind: kind, endingConversation: endingConversation,
            nextSteps: Set(nextSteps.split(separator: ",").compactMap { Ending.NextStep(rawValue: String($0)) }))
    }
}

/// One handover of a relationship to another peer worker. Never updated or deleted.
final class HandoverRecord: Model, @unchecked Sendable {
    static let schema = "handovers"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "relationship_id") var relationshipID: UUID
    @Field(key: "from_worker") var fromWorker: UUID
    @Field(key: "to_worker") var toWorker: UUID
    @Field(key: "at") var at: Date
    @Field(key: "by") var by: UUID
    @Field(key: "reason") var reason: String

    init() {}

    init(relationship: Relationship, handover: Handover, at: Date, by: UUID) throws {
        organisationID = relationship.organisationID
        relationshipID = try relationship.requireID()
        fromWorker = relationship.workerID
        toWorker = handover.to
        self.at = at
        self.by = by
        reason = handover.reason
    }
}
