import AlongsideDomain
import Foundation
import Testing

@Suite struct ThrottleAndSessionTests {
    let now = Date(timeIntervalSince1970: 2_000_000)
    let throttle = LoginThrottle(freeFailuresPerPair: 5, maxFailuresPerAddress: 20, window: 900, firstDelay: 1)

    func count(_ tries: Int, since secondsAgo: TimeInterval = 0) -> LoginThrottle.Count {
        LoginThrottle.Count(tries: tries, since: now.addingTimeInterval(-secondsAgo))
    }

    @Test func theFreeTriesGoAheadAtOnce() {
        for tries in 1...5 {
            #expect(throttle.delayBeforeTry(tries) == 0)
            #expect(throttle.verdict(pair: count(tries), address: count(tries), now: now) == .tryIt)
        }
    }

    @Test func afterTheFreeTriesEachWaitIsTwiceTheOneBefore() {
        // Counted from the window's start: 1 s, then 2 s more, then 4 s more, …
        #expect((6...10).map(throttle.delayBeforeTry) == [1, 3, 7, 15, 31])
        let waits = (6...14).map { throttle.delayBeforeTry($0) - throttle.delayBeforeTry($0 - 1) }
        #expect(waits == [1, 2, 4, 8, 16, 32, 64, 128, 256])
    }

    @Test func noWaitIsLongerThanTheWindow() {
        #expect(throttle.delayBeforeTry(15) == 900)
        #expect(throttle.delayBeforeTry(80) == 900)
        #expect(throttle.delayBeforeTry(Int.max) == 900)
        #expect(LoginThrottle(firstDelay: 60).delayBeforeTry(10) == 900)
    }

    @Test func aTryTooSoonWaitsUntilItsTurn() {
        #expect(throttle.verdict(pair: count(6), address: count(6), now: now) == .wait(until: now.addingTimeInterval(1)))
        #expect(throttle.verdict(pair: count(6, since: 1), address: count(6), now: now) == .tryIt)
        #expect(throttle.verdict(pair: count(8, since: 5), address: count(8), now: now) == .wait(until: now.addingTimeInterval(2)))
        #expect(throttle.verdict(pair: count(8, since: 7), address: count(8), now: now) == .tryIt)
    }

    @Test func aPairWithTooManyTriesWaitsForItsWindowToEnd() {
        #expect(throttle.verdict(pair: count(15, since: 600), address: count(15), now: now) == .wait(until: now.addingTimeInterval(300)))
    }

    @Test func aWindowThatHasEndedIsForgotten() {
        #expect(throttle.verdict(pair: count(40, since: 900), address: count(40, since: 900), now: now) == .tryIt)
        #expect(throttle.windowsEnded(by: now) == now.addingTimeInterval(-900))
    }

    @Test func anAddressWaitsForItsWindowAfterManyTriesAcrossAccounts() {
        #expect(throttle.verdict(pair: count(1), address: count(20, since: 100), now: now) == .tryIt)
        #expect(throttle.verdict(pair: count(1), address: count(21, since: 100), now: now) == .wait(until: now.addingTimeInterval(800)))
    }

    @Test func theLongerOfTwoWaitsIsTheOneGiven() {
        let addressFirst = throttle.verdict(pair: count(7, since: 0), address: count(21, since: 890), now: now)
        #expect(addressFirst == .wait(until: now.addingTimeInterval(10)))
        let pairFirst = throttle.verdict(pair: count(14, since: 10), address: count(21, since: 890), now: now)
        #expect(pairFirst == .wait(until: now.addingTimeInterval(501)))
    }

    @Test func thePauseMessageSaysHowLongInSecondsOrWholeMinutes() {
        #expect(LoginThrottle.message(until: now.addingTimeInterval(0.2), now: now).contains("paused for 1 second "))
        #expect(LoginThrottle.message(until: now.addingTimeInterval(4), now: now).contains("paused for 4 seconds "))
        #expect(LoginThrottle.message(until: now.addingTimeInterval(60), now: now).contains("paused for 1 minute "))
        #expect(LoginThrottle.message(until: now.addingTimeInterval(61), now: now).contains("paused for 2 minutes"))
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
