import AlongsideDomain
import Fluent
import Foundation

/// Peers, their relationships and a year of conversations for the demo organisation: journeys in
/// every stage, with step-backs and both kinds of ending. Generated from a fixed seed, so every
/// run makes the same demo. All names are invented.
enum DemoJourneys {
    static let peerNames = [
        "Aroha", "Ben", "Chloe", "Dev", "Eli", "Farah", "Grace", "Hemi", "Isla", "Jamal", "Kiri", "Liam", "Maya", "Nikau",
        "Olivia", "Pita", "Quinn", "Rosa", "Sione", "Tess", "Uma", "Vai", "Wren", "Yusuf",
    ]
    static let pronouns = ["she/her", "he/him", "they/them", ""]
    static let notes = [
        "We walked by the river and talked about the week. Things at home have been tense.",
        "Coffee at the library. We talked about the course they're thinking of starting.",
        "A short call: they wanted to check in before the appointment tomorrow.",
        "We planned the steps for the housing form together and did the first page.",
        "They told me about the hard night on Tuesday and what helped in the end.",
        "We swapped stories about starting over; they laughed more than last time.",
        "Text messages through the afternoon while they waited at the clinic.",
        "Group session on hope; they spoke for the first time in the group.",
    ]

    /// A small deterministic generator: the demo must be the same on every machine.
    struct Seeded {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static func seed(organisationID: UUID, workers: [UUID], author: UUID, on db: any Database, now: Date) async throws -> Int {
        guard !workers.isEmpty, try await Peer.query(on: db).filter(\.$organisationID == organisationID).count() == 0 else { return 0 }
        var random = Seeded(state: 2026)
        let day: TimeInterval = 86_400
        var transitions: [TransitionRecord] = []
        var conversations: [Conversation] = []
        var endings: [EndingRecord] = []
        for (index, name) in peerNames.enumerated() {
            let began = now.addingTimeInterval(-Double(20 + random.next(340)) * day)
            let peer = Peer(
                organisationID: organisationID,
                profile: PeerProfile(
                    preferredName: name, pronouns: pronouns[random.next(pronouns.count)],
                    howToReach: ["Text first", "Phone after 10am", "Email"][random.next(3)]),
                createdBy: author, createdAt: began)
            try await peer.create(on: db)
            let worker = workers[index % workers.count]
            let relationship = Relationship(
                organisationID: organisationID, peerID: try peer.requireID(), workerID: worker, startedAt: began)
            try await relationship.create(on: db)
            // A path through the stages: most move forward, some step back, some end.
            let paths: [[Stage]] = [
                [.safePlace], [.safePlace, .workingPartnership], [.safePlace, .workingPartnership, .safePlace, .workingPartnership],
                [.safePlace, .workingPartnership, .steppingOut], [.safePlace, .workingPartnership, .steppingOut, .ended],
                [.safePlace, .ended], [.safePlace, .workingPartnership, .safePlace],
            ]
            let path = paths[index % paths.count]
            let span = now.timeIntervalSince(began)
            var previous: Stage?
            for (position, stage) in path.enumerated() {
                let at = began.addingTimeInterval(span * Double(position) / Double(path.count))
                let initiator: Initiator = [.peer, .worker, .both][random.next(3)]
                let reason =
                    stage == .ended && position == 1
                    ? "Lost contact after they moved away." : (stage == .ended ? "A planned ending; the door is open." : "")
                transitions.append(
                    try TransitionRecord(
                        relationship: relationship, position: position + 1, from: previous,
                        move: StageMove(to: stage, initiatedBy: initiator, reason: reason), at: at, movedBy: worker))
                previous = stage
            }
            if path.last == .ended {
                let planned = path.count > 2
                endings.append(
                    try EndingRecord(
                        relationship: relationship,
                        ending: Ending(
                            kind: planned ? .planned : .lostContact, endingConversation: planned,
                            nextSteps: planned ? [.communityConnection, .doorLeftOpen] : [.doorLeftOpen]),
                        at: now))
            }
            let endedAt = path.last == .ended ? began.addingTimeInterval(span * Double(path.count - 1) / Double(path.count)) : now
            var when = began.addingTimeInterval(Double(1 + random.next(5)) * day)
            while when < endedAt {
                let draft = ConversationDraft(
                    occurredAt: when, minutes: [20, 30, 45, 60, 90][random.next(5)], mode: ConversationMode.allCases[random.next(6)],
                    place: ["Library café", "The park", "Their place", "Drop-in centre", ""][random.next(5)],
                    reachedOut: [.peer, .worker, .both][random.next(3)],
                    sharedNote: notes[random.next(notes.count)], privateReflection: "", forSupervision: false, reflections: [:],
                    livedExperience: "")
                conversations.append(
                    try Conversation(relationship: relationship, draft: draft, writtenBy: worker, writtenAt: when.addingTimeInterval(3600)))
                when = when.addingTimeInterval(Double(5 + random.next(12)) * day)
            }
        }
        try await transitions.create(on: db)
        try await endings.create(on: db)
        for chunk in stride(from: 0, to: conversations.count, by: 100) {
            try await Array(conversations[chunk..<min(chunk + 100, conversations.count)]).create(on: db)
        }
        return peerNames.count
    }
}
