import AlongsideDomain
import Fluent
import Foundation

/// A stored consent. Only `revoked_at` and `revoked_by` are ever written after it is created.
final class ConsentRecord: Model, @unchecked Sendable {
    static let schema = "consents"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "peer_id") var peerID: UUID
    @Field(key: "decision") var decision: String
    @Field(key: "audience") var audience: String
    @OptionalField(key: "grantee_id") var granteeID: UUID?
    /// Category names, comma-separated.
    @Field(key: "categories") var categories: String
    @Sealed(key: "purpose") var purpose: String
    @Field(key: "starts_at") var startsAt: Date
    @OptionalField(key: "ends_at") var endsAt: Date?
    @Field(key: "method") var method: String
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "recorded_at") var recordedAt: Date
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "revoked_by") var revokedBy: UUID?

    init() {}

    init(peer: Peer, draft: ConsentDraft, decision: ConsentProvision.Decision, recordedBy: UUID, at: Date) throws {
        organisationID = peer.organisationID
        peerID = try peer.requireID()
        self.decision = decision.rawValue
        audience = draft.audience.rawValue
        granteeID = draft.granteeID
        categories = InformationCategory.shareable.filter(draft.categories.contains).map(\.rawValue).joined(separator: ",")
        purpose = draft.purpose
        startsAt = draft.startsAt
        endsAt = draft.endsAt
        method = draft.method.rawValue
        self.recordedBy = recordedBy
        recordedAt = at
    }

    /// The consent as the policy reads it. A row the code can't read (a category renamed by
    /// hand) becomes a consent for nothing, never a consent for more.
    var provision: ConsentProvision {
        ConsentProvision(
            id: id ?? UUID(), decision: ConsentProvision.Decision(rawValue: decision) ?? .deny,
            audience: ConsentAudience(rawValue: audience) ?? .evaluator, granteeID: granteeID,
            categories: Set(categories.split(separator: ",").compactMap { InformationCategory(rawValue: String($0)) }),
            purpose: purpose, startsAt: startsAt, endsAt: endsAt, method: ConsentMethod(rawValue: method) ?? .portal,
            recordedBy: recordedBy, recordedAt: recordedAt, revokedAt: revokedAt)
    }
}

/// One read of a peer's record by someone other than the peer: who, in which role, which part,
/// and what let them (the relationship, supervision, a consent, or break-glass).
final class RecordRead: Model, @unchecked Sendable {
    static let schema = "record_reads"

    enum Basis: String {
        case relationship
        case supervision
        case service
        case consent
        case breakGlass = "break-glass"
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "peer_id") var peerID: UUID
    @Field(key: "reader_id") var readerID: UUID
    @Field(key: "reader_role") var readerRole: String
    @Field(key: "category") var category: String
    @Field(key: "basis") var basis: String
    @OptionalField(key: "consent_id") var consentID: UUID?
    @Field(key: "read_at") var readAt: Date

    init() {}

    init(
        organisationID: UUID, peerID: UUID, readerID: UUID, role: Role, category: InformationCategory, basis: Basis, consentID: UUID?,
        at: Date
    ) {
        self.organisationID = organisationID
        self.peerID = peerID
        self.readerID = readerID
        readerRole = role.rawValue
        self.category = category.rawValue
        self.basis = basis.rawValue
        self.consentID = consentID
        readAt = at
    }
}
