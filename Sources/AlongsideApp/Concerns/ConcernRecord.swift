import AlongsideDomain
import Fluent
import Foundation

/// A concern conversation: a shared agreement between the peer and their worker.
final class ConcernRecord: Model, @unchecked Sendable {
    static let schema = "concerns"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "relationship_id") var relationshipID: UUID
    @Field(key: "worker_id") var workerID: UUID
    @Sealed(key: "noticed") var noticed: String
    @Sealed(key: "peer_wants") var peerWants: String
    @Sealed(key: "peer_will_do") var peerWillDo: String
    @Sealed(key: "worker_will_do") var workerWillDo: String
    @Field(key: "talk_again_on") var talkAgainOn: Date
    @Field(key: "opened_at") var openedAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "closed_by") var closedBy: UUID?
    @OptionalSealed(key: "closing_note") var closingNote: String?

    init() {}

    init(relationship: Relationship, draft: ConcernDraft, by: UUID, at: Date) throws {
        organisationID = relationship.organisationID
        relationshipID = try relationship.requireID()
        workerID = by
        noticed = draft.noticed
        peerWants = draft.peerWants
        peerWillDo = draft.peerWillDo
        workerWillDo = draft.workerWillDo
        talkAgainOn = draft.talkAgainOn
        openedAt = at
    }

    var isOpen: Bool { closedAt == nil }
}

/// The record of an escalation under the imminent-danger policy.
final class EscalationRecord: Model, @unchecked Sendable {
    static let schema = "escalations"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "concern_id") var concernID: UUID
    @Sealed(key: "contacted") var contacted: String
    @Field(key: "contacted_at") var contactedAt: Date
    @Sealed(key: "why") var why: String
    @Field(key: "follow_up_due") var followUpDue: Date
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "recorded_at") var recordedAt: Date
    @OptionalField(key: "followed_up_at") var followedUpAt: Date?
    @OptionalField(key: "followed_up_by") var followedUpBy: UUID?
    @OptionalSealed(key: "follow_up_note") var followUpNote: String?

    init() {}

    init(concern: ConcernRecord, draft: EscalationDraft, by: UUID, at: Date) throws {
        organisationID = concern.organisationID
        concernID = try concern.requireID()
        contacted = draft.contacted
        contactedAt = draft.contactedAt
        why = draft.why
        followUpDue = draft.followUpDue
        recordedBy = by
        recordedAt = at
    }
}
