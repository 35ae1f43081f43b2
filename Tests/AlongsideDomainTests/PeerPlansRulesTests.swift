import AlongsideDomain
import Foundation
import Testing

/// The rules behind the plans a peer owns, check-ins and concern conversations.
@Suite struct PeerPlansRulesTests {
    let organisation = UUID()
    let worker = UUID()
    let peerAccount = UUID()
    let supervisor = UUID()
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func principal(_ roles: Set<Role>, account: UUID = UUID()) -> Principal {
        .signedIn(Actor(accountID: account, organisationID: organisation, roles: roles))
    }

    func record(_ category: InformationCategory) -> Resource {
        Resource(
            kind: .relationship, organisationID: organisation, ownerID: peerAccount, workerID: worker, category: category,
            supervisorIDs: [supervisor])
    }

    @Test func plansBelongToThePeerAndTheirWorkerAndNobodyElseReadsThem() {
        let plans: [Action] = [.viewTowardsPlan, .changeTowardsPlan, .viewSafetyPlan, .changeSafetyPlan, .agreeSafetyPlan, .checkIn]
        for action in plans {
            #expect(AccessPolicy.decide(principal([.peer], account: peerAccount), action, record(.safetyPlan)).isAllowed, "\(action)")
            #expect(AccessPolicy.decide(principal([.peerWorker], account: worker), action, record(.safetyPlan)).isAllowed, "\(action)")
            #expect(!AccessPolicy.decide(principal([.peer]), action, record(.safetyPlan)).isAllowed, "another peer: \(action)")
            #expect(!AccessPolicy.decide(principal([.peerWorker]), action, record(.safetyPlan)).isAllowed, "a colleague: \(action)")
            #expect(
                !AccessPolicy.decide(principal([.supervisor], account: supervisor), action, record(.safetyPlan)).isAllowed,
                "a supervisor, until the peer consents: \(action)")
            #expect(!AccessPolicy.decide(principal([.coordinator]), action, record(.safetyPlan)).isAllowed, "a coordinator: \(action)")
            #expect(!AccessPolicy.decide(principal([.admin]), action, record(.safetyPlan)).isAllowed, "an admin: \(action)")
        }
    }

    @Test func anEndedRelationshipsWorkerNoLongerReachesWhatThePeerOwns() {
        func ended(_ category: InformationCategory) -> Resource {
            Resource(
                kind: .relationship, organisationID: organisation, ownerID: peerAccount, workerID: worker, category: category,
                supervisorIDs: [supervisor], relationshipEnded: true)
        }
        let all: [Action] = [
            .viewTowardsPlan, .changeTowardsPlan, .viewSafetyPlan, .changeSafetyPlan, .agreeSafetyPlan, .checkIn, .viewConcern,
            .recordConcern, .escalateConcern,
        ]
        for action in all {
            #expect(!AccessPolicy.decide(principal([.peerWorker], account: worker), action, ended(.safetyPlan)).isAllowed, "\(action)")
        }
        #expect(AccessPolicy.decide(principal([.peer], account: peerAccount), .changeSafetyPlan, ended(.safetyPlan)).isAllowed)
        #expect(AccessPolicy.decide(principal([.supervisor], account: supervisor), .viewConcern, ended(.concernRecords)).isAllowed)
    }

    @Test func concernsAreReadByThePeerTheWorkerAndTheWorkersSupervisorOnly() {
        let concern = record(.concernRecords)
        #expect(AccessPolicy.decide(principal([.peer], account: peerAccount), .viewConcern, concern).isAllowed)
        #expect(AccessPolicy.decide(principal([.supervisor], account: supervisor), .viewConcern, concern).isAllowed)
        #expect(!AccessPolicy.decide(principal([.supervisor]), .viewConcern, concern).isAllowed, "someone else's supervisor")
        #expect(!AccessPolicy.decide(principal([.coordinator]), .viewConcern, concern).isAllowed)
        for action in [Action.recordConcern, .escalateConcern] {
            #expect(AccessPolicy.decide(principal([.peerWorker], account: worker), action, concern).isAllowed)
            #expect(!AccessPolicy.decide(principal([.peer], account: peerAccount), action, concern).isAllowed)
            #expect(!AccessPolicy.decide(principal([.supervisor], account: supervisor), action, concern).isAllowed)
        }
    }

    @Test func aNotificationIsOnlyForItsOwner() {
        let mine = Resource(kind: .ownAccount, organisationID: organisation, ownerID: worker)
        #expect(AccessPolicy.decide(principal([.peerWorker], account: worker), .useInbox, mine).isAllowed)
        #expect(!AccessPolicy.decide(principal([.admin]), .useInbox, mine).isAllowed)
    }

    @Test func anEmptySafetyPlanCannotBeAgreedAndOnlyThePeerSaysItIsTheirs() {
        #expect(!SafetyPlanAgreement.check(SafetyPlanContent(), peerPresent: true, byPeer: true).isEmpty)
        let plan = SafetyPlanContent([.places: "The library"])
        #expect(SafetyPlanAgreement.check(plan, peerPresent: false, byPeer: true).isEmpty)
        #expect(!SafetyPlanAgreement.check(plan, peerPresent: false, byPeer: false).isEmpty)
        #expect(SafetyPlanAgreement.check(plan, peerPresent: true, byPeer: false).isEmpty)
    }

    @Test func safetyPlanSectionsMayBeEmptyButMustFitTheCard() throws {
        let empty = try SafetyPlanContent.parse([:]).get()
        #expect(empty.isEmpty)
        let lines = (1...11).map { "line \($0)" }.joined(separator: "\n")
        guard case .failure(let errors) = SafetyPlanContent.parse([SafetyPlanSection.people.field: lines]) else {
            Issue.record("eleven lines should not fit")
            return
        }
        #expect(errors[SafetyPlanSection.people.field]?.contains("10 lines") == true)
        let plan = try SafetyPlanContent.parse([SafetyPlanSection.reasons.field: "  My cat <b>Pepper</b>\r\n"]).get()
        #expect(plan[.reasons] == "My cat <b>Pepper</b>", "markup is kept as text, to be shown escaped")
        #expect(SafetyPlanContent.decode(plan.encoded()) == plan)
        let text = SafetyPlanText.render(peerName: "Jordan", content: plan, crisisLines: "Samaritans: 116 123", status: "Agreed.")
        #expect(text.contains("REASONS AND THINGS THAT MATTER TO ME\nMy cat <b>Pepper</b>") && text.contains("CRISIS LINES"))
    }

    @Test func aStepMayHaveADateButNotBeforeThePlanBegan() throws {
        let began = now
        let step = try TowardsStepDraft.parse(.init(text: "Call the college", taker: "both"), planBegan: began).get()
        #expect(step.byWhen == nil && step.state == .thinking)
        guard
            case .failure(let errors) = TowardsStepDraft.parse(
                .init(text: "Call", taker: "someone", byWhen: "2001-01-01"), planBegan: began)
        else {
            Issue.record("a date before the plan began should be refused")
            return
        }
        #expect(errors["stepByWhen"]?.contains("before this plan began") == true)
        #expect(errors["stepSomeone"] != nil, "someone else needs a name")
        #expect(StepState.allCases.allSatisfy { !$0.displayName.lowercased().contains("overdue") })
    }

    @Test func checkInAnswersStayOnTheFivePointScale() throws {
        let items = MutualityItems(
            scale: ["a", "b", "c", "d", "e"], items: [.init(key: "heard", wording: "I felt heard"), .init(key: "pace", wording: "Pace")])
        #expect(throws: Never.self) { try CheckInAnswers.parse(["item-heard": "5"], items: items).get() }
        for bad in ["0", "6", "three", "-1"] {
            guard case .failure(let errors) = CheckInAnswers.parse(["item-heard": bad], items: items) else {
                Issue.record("\(bad) should be refused")
                continue
            }
            #expect(errors["item-heard"] != nil)
        }
        #expect((try? CheckInAnswers.parse([:], items: items).get()) == nil, "an empty check-in is not saved")
        #expect(try CheckInAnswers.parse(["item-heard": "4", "item-pace": "3"], items: items).get().mean == 3.5)
        #expect(try MutualityItems.bundled().items.count >= 4, "the shipped items load")
    }

    @Test func nobodyBeyondTheTwoSeesAnAverageOfFewerThanFiveRelationships() {
        let four = (0..<4).map { _ in (relationship: UUID(), respondent: Respondent.peer, mean: 4.0) }
        #expect(MutualitySummary.summarise(four) == nil)
        // Five relationships with check-ins, but only four peers answered: still no peer average.
        let fifthWorkerOnly = four + [(relationship: UUID(), respondent: Respondent.worker, mean: 2.0)]
        #expect(MutualitySummary.summarise(fifthWorkerOnly) == nil)
        let fivePeers = four + [(relationship: UUID(), respondent: Respondent.peer, mean: 2.0)]
        let workers = (0..<5).map { _ in (relationship: UUID(), respondent: Respondent.worker, mean: 3.0) }
        let peersOnly = MutualitySummary.summarise(fivePeers)
        #expect(peersOnly?.peers?.relationships == 5 && peersOnly?.peers?.mean == 3.6 && peersOnly?.workers == nil)
        let both = MutualitySummary.summarise(fivePeers + workers)
        #expect(both?.workers?.relationships == 5 && both?.workers?.mean == 3)
    }

    @Test func onePeersAnswersAcrossFiveRelationshipsOfWorkersStayHidden() {
        let one = UUID()
        let answers =
            [(relationship: one, respondent: Respondent.peer, mean: 1.0)]
            + (0..<5).map { index in (relationship: index == 0 ? one : UUID(), respondent: Respondent.worker, mean: 4.0) }
        let summary = MutualitySummary.summarise(answers)
        #expect(summary?.peers == nil, "one peer's answers would be the whole average")
        #expect(summary?.workers?.relationships == 5)
    }

    @Test func anEscalationNeedsWhoWasContactedWhenAndWhy() throws {
        let opened = now.addingTimeInterval(-3_600)
        guard
            case .failure(let errors) = EscalationDraft.parse(
                met: true, contacted: " ", contactedAt: CivilTime(now).localDateTimeText, why: "Tablets", concernOpened: opened, now: now)
        else {
            Issue.record("an escalation without who was contacted should be refused")
            return
        }
        #expect(errors["contacted"] != nil)
        let draft = try EscalationDraft.parse(
            met: true, contacted: "Ambulance", contactedAt: CivilTime(now).localDateTimeText, why: "Tablets", concernOpened: opened,
            now: now
        ).get()
        #expect(draft.followUpDue > draft.contactedAt)
        let later = CivilTime(now.addingTimeInterval(7_200)).localDateTimeText
        #expect(
            (try? EscalationDraft.parse(met: true, contacted: "A", contactedAt: later, why: "B", concernOpened: opened, now: now).get())
                == nil, "not in the future")
    }

    @Test func aConcernIsAnAgreementWithATimeToTalkAgain() {
        let parsed = ConcernDraft.parse(
            .init(noticed: "Not sleeping", workerWillDo: "Call", talkAgainOn: CivilTime(now).dateText), now: now)
        #expect((try? parsed.get()) != nil)
        guard case .failure(let errors) = ConcernDraft.parse(.init(noticed: "Not sleeping", talkAgainOn: "2001-01-01"), now: now) else {
            Issue.record("a concern with nothing agreed and a past date should be refused")
            return
        }
        #expect(errors["workerWillDo"] != nil && errors["talkAgainOn"] != nil)
    }
}

@Suite struct MutualityItemsFileTests {
    @Test func aServicesOwnItemsFileMustHaveFivePointsAndUniqueKeys() throws {
        let good = #"{"scale":["1","2","3","4","5"],"items":[{"key":"safe","wording":"I felt safe"}]}"#
        #expect(try MutualityItems.decode(Data(good.utf8)).items.map(\.key) == ["safe"])
        let fourPoints = #"{"scale":["1","2","3","4"],"items":[{"key":"safe","wording":"I felt safe"}]}"#
        #expect(throws: (any Error).self) { try MutualityItems.decode(Data(fourPoints.utf8)) }
        let twice = #"{"scale":["1","2","3","4","5"],"items":[{"key":"a","wording":"A"},{"key":"a","wording":"B"}]}"#
        #expect(throws: (any Error).self) { try MutualityItems.decode(Data(twice.utf8)) }
        let none = #"{"scale":["1","2","3","4","5"],"items":[]}"#
        #expect(throws: (any Error).self) { try MutualityItems.decode(Data(none.utf8)) }
    }
}
