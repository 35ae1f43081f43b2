import AlongsideDomain
import Foundation
import Testing

@Suite struct StageMachineTests {
    @Test func aRelationshipBeginsByCreatingASafePlace() {
        #expect(StageMachine.check(from: nil, to: .safePlace) == .success(.start))
        for stage in [Stage.workingPartnership, .steppingOut, .ended] {
            #expect(StageMachine.check(from: nil, to: stage) == .failure(.mustStartWithSafePlace))
        }
    }

    @Test func movingForwardAndBackAreBothOrdinary() {
        #expect(StageMachine.check(from: .safePlace, to: .workingPartnership) == .success(.forward))
        #expect(StageMachine.check(from: .workingPartnership, to: .safePlace) == .success(.back))
        #expect(StageMachine.check(from: .steppingOut, to: .workingPartnership) == .success(.back))
        #expect(StageMachine.check(from: .safePlace, to: .steppingOut) == .success(.forward))
    }

    @Test func aRelationshipCanEndFromAnyStage() {
        for stage in [Stage.safePlace, .workingPartnership, .steppingOut] {
            #expect(StageMachine.check(from: stage, to: .ended) == .success(.end))
        }
    }

    @Test func nothingMovesOnFromAnEnding() {
        for stage in Stage.allCases {
            #expect(StageMachine.check(from: .ended, to: stage) == .failure(.alreadyEnded))
        }
    }

    @Test func aMoveMustChangeTheStage() {
        for stage in [Stage.safePlace, .workingPartnership, .steppingOut] {
            #expect(StageMachine.check(from: stage, to: stage) == .failure(.sameStage(stage)))
        }
    }

    @Test func everyRefusalExplainsItself() {
        let refusals: [StageMachine.Refusal] = [.mustStartWithSafePlace, .alreadyEnded, .sameStage(.safePlace)]
        #expect(refusals.allSatisfy { !$0.description.isEmpty })
    }
}

@Suite struct JourneyTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    let day: TimeInterval = 86_400

    func at(_ days: Double) -> Date { start.addingTimeInterval(days * day) }

    var steppedBack: Journey {
        Journey([
            StageTransition(from: nil, to: .safePlace, at: at(0), initiatedBy: .worker),
            StageTransition(from: .safePlace, to: .workingPartnership, at: at(20), initiatedBy: .both),
            StageTransition(from: .workingPartnership, to: .safePlace, at: at(50), initiatedBy: .peer),
            StageTransition(from: .safePlace, to: .workingPartnership, at: at(60), initiatedBy: .both),
        ])
    }

    @Test func theCurrentStageComesFromTheLastMove() {
        #expect(steppedBack.currentStage == .workingPartnership)
        #expect(steppedBack.timeInCurrentStage(now: at(65)) == 5 * day)
        #expect(Journey([]).currentStage == nil)
    }

    @Test func steppingBackIsCountedAndKeepsTheHistory() {
        #expect(steppedBack.stepBacks == 1)
        #expect(steppedBack.transitions.count == 4)
    }

    @Test func timeInEachStageAddsUpEveryVisit() {
        let times = steppedBack.timeInEachStage(now: at(65))
        #expect(times[.safePlace] == 30 * day)
        #expect(times[.workingPartnership] == 35 * day)
        #expect(times[.steppingOut] == nil)
    }

    @Test func anEndingStopsTheClock() {
        let ended = Journey(
            steppedBack.transitions + [
                StageTransition(from: .workingPartnership, to: .ended, at: at(70), initiatedBy: .peer)
            ])
        #expect(ended.currentStage == .ended)
        #expect(ended.timeInEachStage(now: at(400))[.workingPartnership] == 40 * day)
        #expect(ended.stepBacks == 1, "ending is not a step back")
    }

    @Test func movesAreReadInTimeOrderWhateverOrderTheyArrive() {
        let shuffled = Journey(steppedBack.transitions.reversed())
        #expect(shuffled == steppedBack)
    }
}

@Suite struct GentleFlagTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }

    @Test func aQuietRelationshipIsFlaggedGently() {
        #expect(GentleFlag.flags(stage: .workingPartnership, lastContact: daysAgo(30), began: daysAgo(90), now: now) == [.quiet(days: 30)])
        #expect(GentleFlag.flags(stage: .workingPartnership, lastContact: daysAgo(3), began: daysAgo(90), now: now).isEmpty)
    }

    @Test func withoutAnyConversationTheClockStartsAtTheBeginning() {
        #expect(GentleFlag.flags(stage: .safePlace, lastContact: nil, began: daysAgo(25), now: now) == [.quiet(days: 25)])
    }

    @Test func endedRelationshipsAreNeverFlaggedAndSteppingOutIsNoted() {
        #expect(GentleFlag.flags(stage: .ended, lastContact: nil, began: daysAgo(400), now: now).isEmpty)
        #expect(GentleFlag.flags(stage: .steppingOut, lastContact: daysAgo(1), began: daysAgo(90), now: now) == [.steppingOut])
    }
}

@Suite struct EndingTests {
    @Test func anEndingNamesWhatHappenedAndWhatComesNext() throws {
        let ending = try Ending.parse(kind: "lost_contact", endingConversation: false, nextSteps: ["door_left_open"]).get()
        #expect(ending.kind == .lostContact && !ending.kind.isPlanned)
        #expect(ending.nextSteps == [.doorLeftOpen])
    }

    @Test func aMissingOrUnknownEndingIsExplained() {
        guard case .failure(let errors) = Ending.parse(kind: nil, endingConversation: true, nextSteps: ["teleport"]) else {
            Issue.record("expected problems")
            return
        }
        #expect(errors["endingKind"] == "Say how the relationship ended.")
        #expect(errors["nextSteps"] == "Choose what comes next from the list.")
    }
}

@Suite struct BulkHandoverTests {
    let leaving = UUID()
    let colleagues = [UUID(), UUID()]

    @Test func everyRelationshipNeedsItsOwnNewWorkerAndOneReason() {
        let first = UUID()
        let second = UUID()
        let result = BulkHandover.parse(
            choices: [first: colleagues[0].uuidString, second: nil], reason: "", from: leaving, workers: colleagues + [leaving])
        guard case .failure(let errors) = result else {
            Issue.record("expected problems")
            return
        }
        #expect(errors[BulkHandover.field(first)] == nil)
        #expect(errors[BulkHandover.field(second)] == "Choose the peer worker who will carry on.")
        #expect(errors["handoverReason"]?.contains("Say why") == true)
    }

    @Test func aRelationshipCannotStayWithTheWorkerWhoIsLeaving() {
        let only = UUID()
        let result = BulkHandover.parse(
            choices: [only: leaving.uuidString], reason: "Leaving the service.", from: leaving, workers: [leaving])
        guard case .failure(let errors) = result else {
            Issue.record("expected problems")
            return
        }
        #expect(errors[BulkHandover.field(only)] == "The relationship is already with this peer worker.")
    }

    @Test func choicesForEveryRelationshipBecomeHandovers() throws {
        let a = UUID()
        let b = UUID()
        let handovers = try BulkHandover.parse(
            choices: [a: colleagues[0].uuidString, b: colleagues[1].uuidString], reason: "Moving overseas.", from: leaving,
            workers: colleagues
        ).get()
        #expect(handovers[a]?.to == colleagues[0] && handovers[b]?.to == colleagues[1])
        #expect(handovers[a]?.reason == "Moving overseas.")
    }
}

@Suite struct GroupConversationTests {
    let mine = [UUID(), UUID()]

    @Test func othersWhoWereThereMakeItAGroup() throws {
        let ids = try GroupConversation.parse(others: mine.map(\.uuidString), mode: .group, eligible: Set(mine)).get()
        #expect(Set(ids) == Set(mine))
        #expect(try GroupConversation.parse(others: [], mode: .phone, eligible: Set(mine)).get().isEmpty)
    }

    @Test func othersNeedTheGroupModeAndMustBeFromTheCaseload() {
        if case .failure(let errors) = GroupConversation.parse(others: [mine[0].uuidString], mode: .phone, eligible: Set(mine)) {
            #expect(errors["others"]?.contains("choose \"Group\"") == true)
        } else {
            Issue.record("a group needs the group mode")
        }
        if case .failure(let errors) = GroupConversation.parse(others: [UUID().uuidString], mode: .group, eligible: Set(mine)) {
            #expect(errors["others"]?.contains("isn't in your caseload") == true)
        } else {
            Issue.record("someone else's peer can't be added")
        }
    }
}
