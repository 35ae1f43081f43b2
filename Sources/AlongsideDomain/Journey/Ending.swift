/// How a relationship ended, recorded with the move to "ended". Unplanned endings are named for
/// what happened, not as failures.
public struct Ending: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable {
        case planned
        case lostContact = "lost_contact"
        case admission
        case movedAway = "moved_away"
        case peerChose = "peer_chose"
        case workerLeft = "worker_left"

        public var displayName: String {
            switch self {
            case .planned: "Planned together"
            case .lostContact: "We lost contact"
            case .admission: "They were admitted to hospital"
            case .movedAway: "They moved away"
            case .peerChose: "They chose to end it"
            case .workerLeft: "I'm leaving the service"
            }
        }

        public var isPlanned: Bool { self == .planned }
    }

    public enum NextStep: String, CaseIterable, Sendable {
        case referral
        case communityConnection = "community_connection"
        case doorLeftOpen = "door_left_open"

        public var displayName: String {
            switch self {
            case .referral: "A referral to another service"
            case .communityConnection: "A connection in the community"
            case .doorLeftOpen: "The door is left open to come back"
            }
        }
    }

    public let kind: Kind
    public let endingConversation: Bool
    public let nextSteps: Set<NextStep>

    public init(kind: Kind, endingConversation: Bool, nextSteps: Set<NextStep>) {
        self.kind = kind
        self.endingConversation = endingConversation
        self.nextSteps = nextSteps
    }

    /// Reads the ending part of the stage form; only asked for when the move is to "ended".
    public static func parse(kind: String?, endingConversation: Bool, nextSteps: [String]) -> Result<Ending, FieldErrors> {
        var errors = FieldErrors()
        let parsedKind = kind.flatMap(Kind.init(rawValue:))
        if parsedKind == nil { errors.add("endingKind", "Say how the relationship ended.") }
        let steps = nextSteps.compactMap(NextStep.init(rawValue:))
        if steps.count != nextSteps.count { errors.add("nextSteps", "Choose what comes next from the list.") }
        guard errors.isEmpty, let parsedKind else { return .failure(errors) }
        return .success(Ending(kind: parsedKind, endingConversation: endingConversation, nextSteps: Set(steps)))
    }
}
