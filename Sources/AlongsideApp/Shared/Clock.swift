import Vapor

/// The one source of "now", so tests can move time (session expiry, invites, throttling).
public struct AppClock: Sendable {
    public var now: @Sendable () -> Date

    public static let live = AppClock(now: { Date() })

    public init(now: @escaping @Sendable () -> Date) { self.now = now }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = AppClock }

    public var clock: AppClock {
        get { storage[ClockKey.self] ?? .live }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.clock.now() }
}
