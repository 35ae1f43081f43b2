import Foundation

/// Decides whether another sign-in attempt may be tried, from the recent failures for an account
/// and for an address. Counting failures over a sliding window means an attacker is slowed to a
/// handful of guesses per window, while a person who mistypes a few times is not locked out.
public struct LoginThrottle: Sendable, Equatable {
    public var maxFailuresPerAccount: Int
    public var maxFailuresPerAddress: Int
    public var window: TimeInterval

    public init(maxFailuresPerAccount: Int = 5, maxFailuresPerAddress: Int = 20, window: TimeInterval = 15 * 60) {
        self.maxFailuresPerAccount = maxFailuresPerAccount
        self.maxFailuresPerAddress = maxFailuresPerAddress
        self.window = window
    }

    public enum Verdict: Sendable, Equatable {
        case tryIt
        case wait(until: Date)
    }

    /// - Parameters:
    ///   - accountFailures: times of failed attempts for this email within the window
    ///   - addressFailures: times of failed attempts from this address within the window
    public func verdict(accountFailures: [Date], addressFailures: [Date], now: Date) -> Verdict {
        let since = now.addingTimeInterval(-window)
        let account = accountFailures.filter { $0 > since }.sorted()
        let address = addressFailures.filter { $0 > since }.sorted()
        var until: Date?
        if account.count >= maxFailuresPerAccount {
            until = account[account.count - maxFailuresPerAccount].addingTimeInterval(window)
        }
        if address.count >= maxFailuresPerAddress {
            let addressUntil = address[address.count - maxFailuresPerAddress].addingTimeInterval(window)
            until = max(until ?? addressUntil, addressUntil)
        }
        return until.map { .wait(until: $0) } ?? .tryIt
    }

    /// The message shown for a pause, the same whether or not the account exists.
    public static func message(until: Date, now: Date) -> String {
        let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
        let when = minutes == 1 ? "1 minute" : "\(minutes) minutes"
        return "There have been too many sign-in attempts, so signing in is paused for \(when) to keep the account safe. "
            + "If you've forgotten your password, ask your organisation's admin."
    }
}
