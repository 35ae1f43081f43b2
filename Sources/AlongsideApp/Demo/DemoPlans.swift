import AlongsideDomain
import Fluent
import Foundation

/// Demo peers' plans, check-ins and concern conversations, so each screen has something real to
/// show: moving-towards plans, safety plans (some agreed, some still drafts), check-ins over
/// time, and a few concern conversations, one escalated to the worker's supervisor.
enum DemoPlans {
    static let crisisLines = """
        Samaritans (UK and Ireland): 116 123, any time
        988 Suicide & Crisis Lifeline (US): call or text 988
        Emergency services: 999 (UK), 911 (US), 112 (EU)
        """

    static let visions = [
        "Living in my own place, with my cat, and having people round for tea.",
        "Back at college doing the art course, and sleeping through most nights.",
        "Walking the coast path with my brother again, and feeling at home in my body.",
        "A job where people know me for what I'm good at.",
        "Feeling like I belong somewhere, and being there for my kids.",
    ]

    static let steps: [(String, StepTaker, String, StepState)] = [
        ("Look at two flats on the council list", .peer, "", .underway),
        ("Find out what the housing team needs from me", .both, "", .done),
        ("Ask my sister to come to the viewing", .someoneElse, "my sister", .thinking),
        ("Try the Tuesday drop-in at the library", .peer, "", .setAside),
        ("Share how I got back into study after a long gap", .worker, "", .done),
    ]

    static let learnings = [
        "Mornings are better for big things. We plan around that now.",
        "Saying no to the second viewing was a good choice, not a setback.",
        "Walking and talking works better for us than sitting in a café.",
    ]

    static let safety: [SafetyPlanSection: String] = [
        .keepsMeWell: "Walking in the morning\nCooking something proper\nTexting my sister most days",
        .gettingHarder: "I stop answering my phone\nI sleep in the day and I'm up all night",
        .feelSafe: "Being somewhere quiet with someone who doesn't rush me",
        .pleaseDo: "Sit with me. Ask me straight how I am. Offer a cup of tea.",
        .pleaseDont: "Don't talk about me as if I'm not there. Don't call the police unless I'm in danger.",
        .people: "My sister Ana: text first, then call\nMy friend Lee: call any time",
        .places: "The park by the river\nThe library reading room",
        .reasons: "My cat, Pepper\nSeeing my nephew grow up",
        .contacts: "My GP surgery: 01632 960 123\nCommunity team duty line: 01632 960 456",
    ]

    static func seed(organisationID: UUID, now: Date, on db: any Database) async throws {
        guard try await TowardsPlan.query(on: db).filter(\.$organisationID == organisationID).count() == 0 else { return }
        if let organisation = try await Organisation.find(organisationID, on: db), organisation.crisisLines.isEmpty {
            organisation.crisisLines = crisisLines
            try await organisation.save(on: db)
        }
        let ended = Set(
            try await EndingRecord.query(on: db).filter(\.$organisationID == organisationID).all().map(\.relationshipID))
        let relationships = try await Relationship.query(on: db).filter(\.$organisationID == organisationID).sort(\.$startedAt).all()
            .filter { !ended.contains($0.id ?? UUID()) }
        // Most open relationships have something, some not yet: an empty plan is a real state too.
        // The demo peer's own login (Jordan) starts without a safety plan, to write one.
        for (index, relationship) in relationships.prefix(40).enumerated() {
            guard let peer = try await Peer.find(relationship.peerID, on: db) else { continue }
            let worker = relationship.workerID
            let began = now.addingTimeInterval(-Double(60 - index) * 86_400)
            if index % 4 != 3 { try await towards(relationship, index: index, worker: worker, began: began, on: db) }
            if peer.accountID == nil, index % 3 != 2, try await SafetyPlanStore.plan(for: peer, on: db) == nil {
                try await safetyPlan(peer, index: index, worker: worker, at: began.addingTimeInterval(86_400), on: db)
            }
            try await checkIns(relationship, peer: peer, index: index, on: db)
        }
        try await concerns(relationships, organisationID: organisationID, now: now, on: db)
    }

    private static func towards(_ relationship: Relationship, index: Int, worker: UUID, began: Date, on db: any Database) async throws {
        let plan = try TowardsPlan(relationship: relationship, by: worker, at: began)
        plan.vision = visions[index % visions.count]
        plan.version = 1
        try await plan.create(on: db)
        for offset in 0..<3 {
            let (text, taker, someone, state) = steps[(index + offset) % steps.count]
            let byWhen = offset == 0 ? began.addingTimeInterval(45 * 86_400) : nil
            try await TowardsStep(
                plan: plan, draft: TowardsStepDraft(text: text, taker: taker, someone: someone, byWhen: byWhen, state: state), by: worker,
                at: began.addingTimeInterval(Double(offset) * 3_600)
            ).create(on: db)
        }
        try await TowardsLearning(
            plan: plan, text: learnings[index % learnings.count], by: worker, at: began.addingTimeInterval(7 * 86_400)
        )
        .create(on: db)
        try await PlanChange(
            organisationID: plan.organisationID, planID: try plan.requireID(), kind: .towards, by: worker, at: began,
            summary: "Wrote “where I want to be” together", after: plan.vision
        ).create(on: db)
    }

    private static func safetyPlan(_ peer: Peer, index: Int, worker: UUID, at: Date, on db: any Database) async throws {
        // Plans grow over time: earlier peers have filled in more of theirs.
        let sections = Dictionary(
            uniqueKeysWithValues: SafetyPlanSection.allCases.prefix(9 - index % 4).compactMap { section in
                safety[section].map { (section, $0) }
            })
        let plan = try SafetyPlan(peer: peer, by: worker, at: at)
        plan.content = SafetyPlanContent(sections).encoded()
        plan.version = 1
        if index % 2 == 0 {
            plan.agreedVersion = 1
            plan.agreedAt = at.addingTimeInterval(600)
            plan.agreedBy = worker
            plan.agreedHow = SafetyPlanAgreement.How.inPerson.rawValue
        }
        try await plan.create(on: db)
        try await SafetyPlanVersion(plan: plan).create(on: db)
    }

    /// Answers that drift upward as the relationship settles, the peer's a little behind the worker's.
    private static func checkIns(_ relationship: Relationship, peer: Peer, index: Int, on db: any Database) async throws {
        let notes = try await Conversation.query(on: db).filter(\.$relationshipID == relationship.requireID())
            .filter(\.$organisationID == relationship.organisationID).sort(\.$occurredAt).all().suffix(8)
        for (step, note) in notes.enumerated() {
            for respondent in Respondent.allCases {
                let base = respondent == .peer ? 2 : 3
                var scores: [String: Int] = [:]
                for (offset, key) in ["heard", "learned", "honest", "pace"].enumerated() {
                    scores[key] = min(
                        5, max(1, base + (step + offset) / 3 - (index % 3 == 0 ? 1 : 0) - (offset == 3 && step % 3 == 0 ? 1 : 0)))
                }
                try await CheckInRecord(
                    conversation: note, respondent: respondent, answers: CheckInAnswers(scores: scores, line: ""),
                    by: respondent == .peer ? (peer.accountID ?? note.writtenBy) : note.writtenBy,
                    at: note.occurredAt.addingTimeInterval(3_600)
                ).create(on: db)
            }
        }
    }

    private static func concerns(_ relationships: [Relationship], organisationID: UUID, now: Date, on db: any Database) async throws {
        let sam = try await Account.query(on: db).filter(\.$email == "peerworker@\(DemoData.emailDomain)")
            .filter(\.$organisation.$id == organisationID).first()?.id
        let samsRelationships = relationships.filter { $0.workerID == sam }
        let others = relationships.filter { $0.workerID != sam }
        let chosen = Array(samsRelationships.suffix(2)) + Array(others.suffix(1))
        for (index, relationship) in chosen.enumerated() {
            let opened = now.addingTimeInterval(-Double(index + 2) * 86_400)
            let draft = ConcernDraft(
                noticed: "They said they haven't been sleeping and that everything feels pointless at the moment.",
                peerWants: "To keep going with our conversations, and for me not to call their family without asking.",
                peerWillDo: "Text their sister tonight and use the plan if it gets worse.",
                workerWillDo: "Call on Thursday morning, and share what helped me when I felt like that.",
                talkAgainOn: opened.addingTimeInterval(3 * 86_400))
            let concern = try ConcernRecord(relationship: relationship, draft: draft, by: relationship.workerID, at: opened)
            if index == 2 {
                concern.closedAt = opened.addingTimeInterval(86_400)
                concern.closedBy = relationship.workerID
                concern.closingNote = "We talked again; things feel steadier."
            }
            try await concern.create(on: db)
            guard index == 0 else { continue }
            let escalation = try EscalationRecord(
                concern: concern,
                draft: EscalationDraft(
                    contacted: "Crisis team duty worker, by phone", contactedAt: opened.addingTimeInterval(1_800),
                    why: "They told me they had a plan to end their life tonight and the means with them."),
                by: relationship.workerID, at: opened.addingTimeInterval(2_400))
            try await escalation.create(on: db)
            let supervisors = try await SupervisionQueries.supervisors(of: relationship.workerID, in: organisationID, on: db)
            let peer = try await Peer.find(relationship.peerID, on: db)
            let name = try await AccountQueries.names(of: [relationship.workerID], in: organisationID, on: db)[relationship.workerID]
            try await InboxNotification.send(
                to: supervisors, in: organisationID, kind: .escalation,
                message:
                    "\(name ?? "A peer worker") escalated a concern about \(Initials.of(peer?.preferredName ?? "")) under the imminent-danger policy.",
                link: .concern(try concern.requireID()), at: opened.addingTimeInterval(2_400), on: db)
        }
    }
}
