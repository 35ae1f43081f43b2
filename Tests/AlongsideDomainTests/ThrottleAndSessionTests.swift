import AlongsideDomain
import Foundation
import Testing

@Suite struct ThrottleAndSessionTests {
    let now = Date(timeIntervalSince1970: 2_000_000)
    let throttle = LoginThrottle(maxFailuresPerAccount: 5, maxFailuresPerAddress: 20, window: 900)

    @Test func fourFailuresStillAllowAnotherTry() {
        let failures = (1...4).map { now.addingTimeInterval(Double(-$0 * 10)) }
        #expect(throttle.verdict(accountFailures: failures, addressFailures: failures, now: now) == .tryIt)
    }

    @Test func theFifthFailurePausesUntilTheOldestOfThemLeavesTheWindow() {
        let failures = (1...5).map { now.addingTimeInterval(Double(-$0 * 60)) }
        let oldest = now.addingTimeInterval(-300)
        #expect(throttle.verdict(accountFailures: failures, addressFailures: [], now: now) == .wait(until: oldest.addingTimeInterval(900)))
    }

    @Test func failuresOutsideTheWindowAreForgotten() {
        let failures = (1...10).map { now.addingTimeInterval(Double(-901 - $0)) }
        #expect(throttle.verdict(accountFailures: failures, addressFailures: failures, now: now) == .tryIt)
    }

    @Test func anAddressIsPausedAfterManyFailuresAcrossAccounts() {
        let failures = (1...20).map { now.addingTimeInterval(Double(-$0)) }
        guard case .wait = throttle.verdict(accountFailures: [], addressFailures: failures, now: now) else {
            Issue.record("expected a pause")
            return
        }
    }

    @Test func thePauseMessageSaysHowLongInWholeMinutes() {
        #expect(LoginThrottle.message(until: now.addingTimeInterval(61), now: now).contains("paused for 2 minutes"))
        #expect(LoginThrottle.message(until: now.addingTimeInterval(30), now: now).contains("paused for 1 minute "))
    }

    @Test func sessionsEndWhenIdleOrTooOld() {
        let lifetime = SessionLifetime(idle: 1800, absolute: 43_200)
        #expect(lifetime.isLive(createdAt: now, lastSeenAt: now, now: now.addingTimeInterval(1799)))
        #expect(!lifetime.isLive(createdAt: now, lastSeenAt: now, now: now.addingTimeInterval(1800)))
        #expect(!lifetime.isLive(createdAt: now, lastSeenAt: now.addingTimeInterval(43_100), now: now.addingTimeInterval(43_200)))
        #expect(!lifetime.needsTouch(lastSeenAt: now, now: now.addingTimeInterval(59)))
        #expect(lifetime.needsTouch(lastSeenAt: now, now: now.addingTimeInterval(60)))
    }
}
