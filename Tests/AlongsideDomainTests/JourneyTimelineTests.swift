import AlongsideDomain
import Foundation
import Testing

@Suite struct JourneyTimelineTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    func at(_ days: Double) -> Date { start.addingTimeInterval(days * 86_400) }

    @Test func bandsCoverTheJourneyAndAStepBackIsMarked() {
        let journey = Journey([
            StageTransition(from: nil, to: .safePlace, at: at(0), initiatedBy: .worker),
            StageTransition(from: .safePlace, to: .workingPartnership, at: at(25), initiatedBy: .both),
            StageTransition(from: .workingPartnership, to: .safePlace, at: at(50), initiatedBy: .peer),
        ])
        let timeline = JourneyTimeline(journey: journey, conversations: [at(10), at(60), at(200)], now: at(100), width: 400)
        #expect(timeline.bands.map(\.stage) == [.safePlace, .workingPartnership, .safePlace])
        #expect(timeline.bands.map(\.x) == [0, 100, 200])
        #expect(timeline.bands.map(\.width) == [100, 100, 200])
        #expect(timeline.stepBacks == [200])
        #expect(timeline.conversationMarks == [40, 240], "conversations after today are left off")
    }

    @Test func anEndedJourneyStopsAtItsEnding() {
        let journey = Journey([
            StageTransition(from: nil, to: .safePlace, at: at(0), initiatedBy: .worker),
            StageTransition(from: .safePlace, to: .ended, at: at(10), initiatedBy: .peer),
        ])
        let timeline = JourneyTimeline(journey: journey, conversations: [at(5)], now: at(300), width: 100)
        #expect(timeline.bands == [.init(stage: .safePlace, x: 0, width: 100)])
        #expect(timeline.conversationMarks == [50])
        #expect(timeline.stepBacks.isEmpty)
    }

    @Test func anEmptyJourneyDrawsNothing() {
        let timeline = JourneyTimeline(journey: Journey([]), conversations: [at(1)], now: at(2), width: 100)
        #expect(timeline.bands.isEmpty && timeline.conversationMarks.isEmpty)
    }
}

@Suite struct HeadspacePermissionTests {
    let began = Date(timeIntervalSince1970: 1_790_000_000)
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func text(_ date: Date) -> String { LocalText.of(date) }

    @Test func itIsRecordedWithWhenAndOptionallyTheirWords() throws {
        let permission = try HeadspacePermission.parse(
            when: text(now.addingTimeInterval(-3600)), words: " \"You can ask me about the voices.\" ", relationshipBegan: began, now: now
        ).get()
        #expect(permission.inTheirWords == "\"You can ask me about the voices.\"")
    }

    @Test func itCannotBeInTheFutureOrBeforeTheRelationship() {
        for when in [now.addingTimeInterval(86_400), began.addingTimeInterval(-3 * 86_400)] {
            guard case .failure(let errors) = HeadspacePermission.parse(when: text(when), words: "", relationshipBegan: began, now: now)
            else {
                Issue.record("expected a problem")
                continue
            }
            #expect(errors["headspaceAt"] != nil)
        }
    }

    @Test func theTimelineMarksTheMoment() {
        let start = JourneyTransitionFixture.journey(began: began)
        let timeline = JourneyTimeline(
            journey: start, conversations: [], now: now, width: 100, headspaceGiven: began.addingTimeInterval(2_500_000))
        #expect(timeline.headspace == 50)
    }
}

enum JourneyTransitionFixture {
    static func journey(began: Date) -> Journey {
        Journey([StageTransition(from: nil, to: .safePlace, at: began, initiatedBy: .worker)])
    }
}
