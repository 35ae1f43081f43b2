import Foundation

/// Who a peer shares with, beyond their own peer worker (who always reads what the relationship needs).
public enum ConsentAudience: String, Sendable, CaseIterable, Codable {
    /// The supervisor of the worker walking alongside the peer.
    case workerSupervisor = "worker-supervisor"
    /// Every peer worker of the service, such as whoever covers while their own worker is away.
    case peerTeam = "peer-team"
    /// One named partner clinician or clinical team, by their account.
    case clinician
    /// Evaluators, who only ever see de-identified outcomes.
    case evaluator

    /// How the peer hears it: "your peer worker's supervisor".
    public var plainWords: String {
        switch self {
        case .workerSupervisor: "your peer worker's supervisor"
        case .peerTeam: "the peer workers of this service"
        case .clinician: "a partner clinician"
        case .evaluator: "evaluators, without your name or anything that identifies you"
        }
    }
}

/// How a consent was given, as FHIR's Consent keeps a source: the peer ticking it in the portal,
/// or telling a worker who wrote it down.
public enum ConsentMethod: String, Sendable, CaseIterable, Codable {
    case portal
    case inPerson = "in-person"
    case phone

    public var plainWords: String {
        switch self {
        case .portal: "in the portal"
        case .inPerson: "in person"
        case .phone: "by phone"
        }
    }
}

/// One consent: a permit or a deny, for some categories of a peer's record, to one audience, for
/// a purpose and a period. This is the shape of FHIR's Consent `provision` (type, actor, purpose,
/// period, class of data), so it can be exported as one later without translating.
/// A consent is never edited: it is revoked, and a new one given, so its history stays.
public struct ConsentProvision: Sendable, Equatable, Identifiable {
    public enum Decision: String, Sendable, Codable {
        case permit
        case deny
    }

    public let id: UUID
    public let decision: Decision
    public let audience: ConsentAudience
    /// The clinician's account, for `.clinician`; nil for the other audiences.
    public let granteeID: UUID?
    public let categories: Set<InformationCategory>
    public let purpose: String
    public let startsAt: Date
    /// The first instant it no longer holds; nil when given until the peer says otherwise.
    public let endsAt: Date?
    public let method: ConsentMethod
    public let recordedBy: UUID
    public let recordedAt: Date
    public let revokedAt: Date?

    public init(
        id: UUID, decision: Decision, audience: ConsentAudience, granteeID: UUID?, categories: Set<InformationCategory>,
        purpose: String, startsAt: Date, endsAt: Date?, method: ConsentMethod, recordedBy: UUID, recordedAt: Date,
        revokedAt: Date? = nil
    ) {
        self.id = id
        self.decision = decision
        self.audience = audience
        self.granteeID = granteeID
        self.categories = categories
        self.purpose = purpose
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.method = method
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.revokedAt = revokedAt
    }

    public enum Standing: Equatable, Sendable {
        case notYet
        case inForce
        case expired
        case revoked
    }

    public func standing(at now: Date) -> Standing {
        if let revokedAt, revokedAt <= now { return .revoked }
        if now < startsAt { return .notYet }
        if let endsAt, endsAt <= now { return .expired }
        return .inForce
    }
}

/// The consents of one peer, as of one moment: what the access policy reads, and nothing else,
/// to let anyone beyond the relationship see a part of the record.
public struct ConsentSet: Sendable, Equatable {
    public let provisions: [ConsentProvision]
    public let asOf: Date

    public init(_ provisions: [ConsentProvision], asOf: Date) {
        self.provisions = provisions
        self.asOf = asOf
    }

    public static let none = ConsentSet([], asOf: .distantPast)

    /// The consent under which this actor may read this category, if one is in force and no
    /// deny in force says otherwise (a deny always wins, as the peer's last word).
    /// `isSupervisor` says whether the actor supervises the worker the peer is with.
    public func permit(for actor: Actor, category: InformationCategory, isSupervisor: Bool) -> ConsentProvision? {
        let matching = provisions.filter { provision in
            provision.standing(at: asOf) == .inForce && provision.categories.contains(category)
                && Self.covers(provision, actor, isSupervisor: isSupervisor)
        }
        guard !matching.contains(where: { $0.decision == .deny }) else { return nil }
        return matching.filter { $0.decision == .permit }.max { ($0.endsAt ?? .distantFuture) < ($1.endsAt ?? .distantFuture) }
    }

    private static func covers(_ provision: ConsentProvision, _ actor: Actor, isSupervisor: Bool) -> Bool {
        switch provision.audience {
        case .clinician: actor.holds(.clinician) && provision.granteeID == actor.accountID
        case .workerSupervisor: actor.holds(.supervisor) && isSupervisor
        case .peerTeam: actor.holds(.peerWorker)
        // Evaluators read de-identified outcomes, never a record: no consent opens one to them.
        case .evaluator: false
        }
    }
}
