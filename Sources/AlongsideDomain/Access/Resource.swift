import Foundation

/// What an action touches. The organisation scopes everything; owner and category are here
/// so that consent (who the record belongs to, what kind of information it is) can be decided
/// by the same policy later without changing its shape.
public struct Resource: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case site
        case ownAccount
        case account
        case invite
        case auditTrail
        case peer
        case relationship
        case conversation
        case supervision
    }

    public let kind: Kind
    public let organisationID: UUID?
    public let ownerID: UUID?
    /// The peer worker a relationship record sits with, when there is one.
    public let workerID: UUID?
    public let category: InformationCategory?
    /// The supervisors of the peer worker the record sits with, when the reader is a supervisor.
    public let supervisorIDs: Set<UUID>
    /// The relationship the record sits in has ended: its worker no longer walks alongside the
    /// peer, so no longer reads or changes what the peer owns (the peer may be with someone else now).
    public let relationshipEnded: Bool
    /// The peer's consents, for a reader beyond the relationship: the only thing that can let
    /// them in. Loaded only when the relationship alone doesn't decide.
    public let consents: ConsentSet
    /// The reader opened this peer's record in an emergency, with a reason and their second
    /// factor, and that opening hasn't yet run out.
    public let breakGlass: Bool

    public init(
        kind: Kind, organisationID: UUID? = nil, ownerID: UUID? = nil, workerID: UUID? = nil,
        category: InformationCategory? = nil, supervisorIDs: Set<UUID> = [], relationshipEnded: Bool = false,
        consents: ConsentSet = .none, breakGlass: Bool = false
    ) {
        self.consents = consents
        self.breakGlass = breakGlass
        self.kind = kind
        self.organisationID = organisationID
        self.ownerID = ownerID
        self.workerID = workerID
        self.category = category
        self.supervisorIDs = supervisorIDs
        self.relationshipEnded = relationshipEnded
    }

    public static let site = Resource(kind: .site)
}

/// Kinds of information a peer will be able to share or withhold, category by category.
public enum InformationCategory: String, Sendable, CaseIterable {
    case profile
    /// Stages, dates and flags of a relationship, without anything written in it.
    case journey
    case sharedNotes
    case plans
    case safetyPlan
    case concernRecords
    case outcomes
    /// Mutuality check-ins: each answer is seen only by the two people in the relationship.
    case mutuality
    case accountDetails
    /// A peer worker's reflection on their own practice, which reaches a supervisor only when the
    /// worker brings it to supervision.
    case practiceReflection
    /// The billing layer on a conversation: the elements a payer requires, and sign-offs.
    case billingRecord
}
