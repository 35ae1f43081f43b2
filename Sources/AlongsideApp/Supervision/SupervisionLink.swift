import Fluent
import Foundation

/// One supervisor supervising one peer worker, from when until when.
final class SupervisionLink: Model, @unchecked Sendable {
    static let schema = "supervision_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "supervisor_id") var supervisorID: UUID
    @Field(key: "worker_id") var workerID: UUID
    @Field(key: "started_at") var startedAt: Date
    @Field(key: "started_by") var startedBy: UUID
    @OptionalField(key: "ended_at") var endedAt: Date?
    @OptionalField(key: "ended_by") var endedBy: UUID?

    init() {}

    init(organisationID: UUID, supervisorID: UUID, workerID: UUID, startedAt: Date, startedBy: UUID) {
        self.organisationID = organisationID
        self.supervisorID = supervisorID
        self.workerID = workerID
        self.startedAt = startedAt
        self.startedBy = startedBy
    }
}
