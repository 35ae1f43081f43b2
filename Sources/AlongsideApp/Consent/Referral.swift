import AlongsideDomain
import Fluent
import Foundation

/// A partner clinician referring someone to the peer service. A coordinator accepts it (a peer
/// record and a relationship with the chosen peer worker begin) or declines it with a reason
/// that goes back to the clinician.
final class Referral: Model, @unchecked Sendable {
    static let schema = "referrals"

    enum Status: String {
        case waiting
        case accepted
        case declined
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "referred_by") var referredBy: UUID
    @Sealed(key: "person_name") var personName: String
    @Sealed(key: "how_to_reach") var howToReach: String
    @Sealed(key: "reason") var reason: String
    @Field(key: "sent_at") var sentAt: Date
    @Field(key: "status") var status: String
    @OptionalField(key: "answered_by") var answeredBy: UUID?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @OptionalSealed(key: "decline_reason") var declineReason: String?
    @OptionalField(key: "relationship_id") var relationshipID: UUID?

    init() {}

    init(organisationID: UUID, referredBy: UUID, draft: ReferralDraft, at: Date) {
        self.organisationID = organisationID
        self.referredBy = referredBy
        personName = draft.name
        howToReach = draft.howToReach
        reason = draft.reason
        sentAt = at
        status = Status.waiting.rawValue
    }
}
