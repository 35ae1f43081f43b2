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
    /// `JourneySummary`: kept in step with the log of moves by `JourneyStore`.
    @OptionalField(key: "current_stage") var currentStage: String?
    @OptionalField(key: "stage_since") var stageSince: Date?
    @Field(key: "step_backs") var stepBacks: Int

    init() {}

    init(organisationID: UUID, peerID: UUID, workerID: UUID, startedAt: Date) {
        self.organisationID = organisationID
        self.peerID = peerID
        self.workerID = workerID
        self.startedAt = startedAt
        self.stepBacks = 0
    }

    /// What the access policy needs to know about this record.
    func resource(_ category: InformationCategory = .journey) -> Resource {
        Resource(kind: .relationship, organisationID: organisationID, workerID: workerID, category: category)
    }
}
