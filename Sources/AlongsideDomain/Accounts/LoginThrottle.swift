import Foundation

/// Decides whether a sign-in try may go ahead, slowing password guessing without letting a
/// stranger lock anyone out.
///
/// Tries are counted for an email *and* a network address together (a "pair"), so guesses made
/// somewhere else never pause the account's owner where they are. Within a window (which begins
/// with a pair's first counted try), the first `freeFailuresPerPair` tries go ahead at once; after
/// that the waits double (1 s, 2 s, 4 s, … with the default `firstDelay`), so the `n`th try may not
/// start before `delayBeforeTry(n)` has passed since the window began. A wait that would reach the
/// end of the window is a wait for the window to end, when the pair starts afresh. One address may
/// also make at most `maxFailuresPerAddress` tries in its window across every email, so it can't
/// spray guesses over many accounts.
///
/// A try is counted *before* its password is checked, in one step with reading the count, so
/// guesses sent all at once are numbered one after another and only the allowed ones are checked.
/// A try that has to wait is uncounted again; a successful sign-in clears its pair and uncounts
/// itself from its address.
public struct LoginThrottle: Sendable, Equatable {
    /// Tries for one email from one address, within a window, that go ahead without waiting.
    public var freeFailuresPerPair: Int
    /// Tries from one address, across every email, within its window, before it must wait for the window to end.
    public var maxFailuresPerAddress: Int
    /// How long tries are remembered, and the longest wait.
    public var window: TimeInterval
    /// The first wait after the free tries; each one after it is twice the one before.
    public var firstDelay: TimeInterval

    public init(
        freeFailuresPerPair: Int = 5, maxFailuresPerAddress: Int = 20, window: TimeInterval = 15 * 60, firstDelay: TimeInterval = 1
    ) {
        self.freeFailuresPerPair = freeFailuresPerPair
        self.maxFailuresPerAddress = maxFailuresPerAddress
        self.window = window
        self.firstDelay = firstDelay
    }

    public enum Verdict: Sendable, Equatable {
        case tryIt
        case wait(until: Date)
    }

    /// What has been counted for a pair or an address, the try being decided included.
    public struct Count: Sendable, Equatable {
        /// Tries counted in the current window, numbered from 1; this try is the last of them.
        public var tries: Int
        /// When the current window began.
        public var since: Date

        public init(tries: Int, since: Date) {
            self.tries = tries
            self.since = since
        }
    }

    /// A window that began at or before this moment has ended: the next try starts a new one.
    public func windowsEnded(by now: Date) -> Date {
        now.addingTimeInterval(-window)
    }

    /// How long after its window began the `n`th try for a pair (counting from 1) may start: none
    /// for the free tries, then `firstDelay × (2^k − 1)` for the `k`th try after them, which is a
    /// wait of `firstDelay`, `2 × firstDelay`, `4 × firstDelay`, … after the try before. Never more
    /// than the window.
    public func delayBeforeTry(_ n: Int) -> TimeInterval {
        let delayed = n - freeFailuresPerPair
        guard delayed > 0 else { return 0 }
        // Long before 2^62 the window is reached; stop there, before the shift can overflow.
        guard delayed < 62 else { return window }
        return min(window, firstDelay * Double((1 << delayed) - 1))
    }

    /// Whether the try counted last in `pair` and `address` may go ahead now.
    public func verdict(pair: Count, address: Count, now: Date) -> Verdict {
        var until: Date?
        if now < pair.since.addingTimeInterval(window) {
            let pairAt = pair.since.addingTimeInterval(delayBeforeTry(pair.tries))
            if pairAt > now { until = pairAt }
        }
        let addressEnds = address.since.addingTimeInterval(window)
        if address.tries > maxFailuresPerAddress, addressEnds > now {
            until = max(until ?? addressEnds, addressEnds)
        }
        return until.map { .wait(until: $0) } ?? .tryIt
    }

    /// The message shown for a pause, the same whether or not the account exists.
    public static func message(until: Date, now: Date) -> String {
        let seconds = max(1, Int(until.timeIntervalSince(now).rounded(.up)))
        let minutes = Int((Double(seconds) / 60).rounded(.up))
        let when =
            seconds < 60
            ? (seconds == 1 ? "1 second" : "\(seconds) seconds")
            : (minutes == 1 ? "1 minute" : "\(minutes) minutes")
        return "There have been too many sign-in attempts, so signing in is paused for \(when) to keep the account safe. "
            + "If you've forgotten your password, ask your organisation's admin."
    }
}
