import AlongsideDomain
import Fluent
import Foundation

/// A peer's wellness and safety plan: one per peer, whichever relationship it was written in.
/// Every version is kept in `safety_plan_versions`; `agreedVersion` is the one the peer said was theirs.
final class SafetyPlan: Model, @unchecked Sendable {
    static let schema = "safety_plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "peer_id") var peerID: UUID
    @Sealed(key: "content") var content: String
    @Field(key: "version") var version: Int
    @OptionalField(key: "agreed_version") var agreedVersion: Int?
    @OptionalField(key: "agreed_at") var agreedAt: Date?
    @OptionalField(key: "agreed_by") var agreedBy: UUID?
    @OptionalField(key: "agreed_how") var agreedHow: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_by") var updatedBy: UUID
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(peer: Peer, by: UUID, at: Date) throws {
        organisationID = peer.organisationID
        peerID = try peer.requireID()
        content = SafetyPlanContent().encoded()
        version = 0
        createdAt = at
        updatedBy = by
        updatedAt = at
    }

    var sections: SafetyPlanContent { SafetyPlanContent.decode(content) }

    /// Agreed means the peer said so about exactly this version.
    var isAgreed: Bool { agreedVersion != nil && agreedVersion == version }
}

final class SafetyPlanVersion: Model, @unchecked Sendable {
    static let schema = "safety_plan_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "plan_id") var planID: UUID
    @Field(key: "version") var version: Int
    @Sealed(key: "content") var content: String
    @Field(key: "written_by") var writtenBy: UUID
    @Field(key: "written_at") var writtenAt: Date

    init() {}

    init(plan: SafetyPlan) throws {
        organisationID = plan.organisationID
        planID = try plan.requireID()
        version = plan.version
        content = plan.content
        writtenBy = plan.updatedBy
        writtenAt = plan.updatedAt
    }
}
