/// The policy's answer, always with a reason a person (or an auditor) can read.
public enum Decision: Sendable, Equatable {
    case allow(reason: String)
    case deny(reason: String)

    public var isAllowed: Bool {
        if case .allow = self { return true }
        return false
    }

    public var reason: String {
        switch self {
        case .allow(let reason), .deny(let reason): reason
        }
    }
}
