import AlongsideDomain
import Fluent
import Foundation

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
    @Sealed(key: "reason") var reason: String

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
