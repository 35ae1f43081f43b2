import Foundation

/// Whether a one-time invite link can still be used.
public enum InviteStatus: Sendable, Equatable {
    case usable
    case used
    case expired
    case withdrawn

    public static func of(expiresAt: Date, usedAt: Date?, withdrawnAt: Date?, now: Date) -> InviteStatus {
        if usedAt != nil { return .used }
        if withdrawnAt != nil { return .withdrawn }
        if now >= expiresAt { return .expired }
        return .usable
    }

    public var explanation: String {
        switch self {
        case .usable: "This invite can be used."
        case .used:
            "This invite link has already been used. Each link works once. If you already set up your account, sign in; otherwise ask your admin for a new invite."
        case .expired: "This invite link has expired. Ask your admin to send you a new one."
        case .withdrawn: "This invite was withdrawn by an admin. Ask them if you think that's a mistake."
        }
    }
}
