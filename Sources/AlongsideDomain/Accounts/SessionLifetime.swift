import Foundation

/// How long a signed-in session lasts: it ends after a spell of inactivity, and in any case after
/// an absolute limit, so a phone left signed in doesn't stay open for days.
public struct SessionLifetime: Sendable, Equatable {
    public var idle: TimeInterval
    public var absolute: TimeInterval

    public init(idle: TimeInterval = 30 * 60, absolute: TimeInterval = 12 * 60 * 60) {
        self.idle = idle
        self.absolute = absolute
    }

    public func isLive(createdAt: Date, lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) < idle && now.timeIntervalSince(createdAt) < absolute
    }

    /// Recording every request would turn each page view into a write; once a minute is enough
    /// precision for a 30-minute idle limit.
    public static let touchInterval: TimeInterval = 60

    public func needsTouch(lastSeenAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeenAt) >= Self.touchInterval
    }
}
