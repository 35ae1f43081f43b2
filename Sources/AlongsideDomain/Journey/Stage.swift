/// The stages of a peer relationship, after the stepped model of peer provision (Zeng & Chung,
/// 2019): trust first, then working together, then stepping out. People step back as well as
/// forward, and that is not failure.
public enum Stage: String, CaseIterable, Sendable, Codable {
    case safePlace = "safe_place"
    case workingPartnership = "working_partnership"
    case steppingOut = "stepping_out"
    case ended

    public var displayName: String {
        switch self {
        case .safePlace: "Creating a safe place"
        case .workingPartnership: "Working partnership"
        case .steppingOut: "Stepping out"
        case .ended: "Ended"
        }
    }

    /// What the stage means, said to the peer.
    public var forThePeer: String {
        switch self {
        case .safePlace: "Getting to know each other and building trust, at your pace."
        case .workingPartnership: "Working together on what matters to you."
        case .steppingOut: "Getting ready to carry on without regular peer support."
        case .ended: "This time together has ended. The door stays open."
        }
    }

    /// Position along the path, used to tell a step forward from a step back.
    var order: Int {
        switch self {
        case .safePlace: 0
        case .workingPartnership: 1
        case .steppingOut: 2
        case .ended: 3
        }
    }
}

/// Who moved the relationship on (or back).
public enum Initiator: String, CaseIterable, Sendable, Codable {
    case peer
    case worker
    case both
}
