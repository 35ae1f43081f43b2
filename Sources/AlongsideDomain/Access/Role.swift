/// The people Alongside serves. A person may hold several roles in one organisation.
public enum Role: String, CaseIterable, Sendable, Codable, Comparable {
    case peer
    case peerWorker = "peerworker"
    case supervisor
    case coordinator
    case clinician
    case evaluator
    case admin

    /// How the role is named on screen, in the words peer services use.
    public var displayName: String {
        switch self {
        case .peer: "Peer"
        case .peerWorker: "Peer worker"
        case .supervisor: "Supervisor"
        case .coordinator: "Coordinator"
        case .clinician: "Partner clinician"
        case .evaluator: "Evaluator"
        case .admin: "Admin"
        }
    }

    public var summary: String {
        switch self {
        case .peer: "Reads and co-writes their own record and plans."
        case .peerWorker: "Supports peers: conversations, plans, their own caseload."
        case .supervisor: "Supports peer workers through supervision."
        case .coordinator: "Runs the service: workforce, governance, outcomes."
        case .clinician: "Sees only what a peer has agreed to share with them."
        case .evaluator: "Sees de-identified data for evaluation."
        case .admin: "Manages accounts and settings; reads nobody's notes."
        }
    }

    /// Roles that open peers' records (through a relationship, supervision, the service view or
    /// consent). Granting one is announced to every coordinator and admin.
    public var readsPeerRecords: Bool {
        switch self {
        case .peerWorker, .supervisor, .coordinator, .clinician: true
        case .peer, .evaluator, .admin: false
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
