import AlongsideDomain
import Fluent
import Foundation
import SQLKit

/// `alongside demo --scale N`: the demo multiplied for benchmarks. Each unit of scale adds 500
/// peers, 5 peer workers and a year of journeys and conversations (about 20,000), so N=100 gives
/// about 50,000 peers, 500 peer workers and two million conversations. Deterministic, like the
/// small demo; the demo peer worker gets a realistic caseload, one relationship of which has more
/// than 200 conversations, for the relationship-page benchmark.
enum DemoScale {
    static let peersPerUnit = 500
    static let workersPerUnit = 5
    static let marker = "peer.worker.1@\(DemoData.emailDomain)"

    struct Stats {
        let workers: Int
        let peers: Int
        let conversations: Int
        let seconds: Double
        let conversationSeconds: Double
        /// The demo peer worker's relationship with the most conversations.
        let busiestRelationship: UUID?
        let busiestCount: Int
    }

    /// UUIDs that rise in order within a run, so bulk inserts append to each index instead of
    /// landing all over it; the first bytes are random so two runs never collide.
    struct RisingIDs {
        var prefix: [UInt8]
        var counter: UInt64 = 0

        init() {
            prefix = (0..<7).map { _ in UInt8.random(in: 0...255) }
        }

        mutating func next() -> UUID {
            counter += 1
            let c = counter
            return UUID(
                uuid: (
                    prefix[0], prefix[1], prefix[2], prefix[3], prefix[4], prefix[5], 0x40 | (prefix[6] & 0x0F), 0,
                    0x80, UInt8(truncatingIfNeeded: c >> 48), UInt8(truncatingIfNeeded: c >> 40), UInt8(truncatingIfNeeded: c >> 32),
                    UInt8(truncatingIfNeeded: c >> 24), UInt8(truncatingIfNeeded: c >> 16), UInt8(truncatingIfNeeded: c >> 8),
                    UInt8(truncatingIfNeeded: c)
                ))
        }
    }

    struct Planned {
        let id: UUID
        let worker: UUID
        let began: Date
        let until: Date
        let busy: Bool
    }

    static let surnames = [
        "Ngata", "Smith", "Patel", "Kim", "Walker", "Okoye", "Tane", "Silva", "Murphy", "Chen", "Brown", "Nguyen", "Wilson", "Rahman",
        "Taylor", "Kaur", "Lee", "Moana", "Evans", "Hughes",
    ]
    static let paths: [[Stage]] = [
        [.safePlace], [.safePlace, .workingPartnership], [.safePlace, .workingPartnership, .safePlace, .workingPartnership],
        [.safePlace, .workingPartnership, .steppingOut], [.safePlace, .workingPartnership, .steppingOut, .ended],
        [.safePlace, .ended], [.safePlace, .workingPartnership, .safePlace], [.safePlace, .workingPartnership],
    ]

    static func seed(
        scale: Int, organisationID: UUID, passwordHash: String, author: UUID, demoWorker: UUID, on db: any Database, now: Date
    ) async throws -> Stats? {
        guard try await Account.query(on: db).filter(\.$email == marker).first() == nil else { return nil }
        let started = Date()
        var random = DemoJourneys.Seeded(state: 2026 &+ UInt64(scale))
        var ids = RisingIDs()
        let day: TimeInterval = 86_400

        var accounts = BulkInsert(
            db, table: "accounts", columns: ["id", "organisation_id", "email", "display_name", "password_hash", "created_at"])
        var roles = BulkInsert(db, table: "account_roles", columns: ["id", "organisation_id", "account_id", "role"])
        var workers: [UUID] = []
        for index in 1...(scale * workersPerUnit) {
            let id = ids.next()
            workers.append(id)
            let name = "\(DemoJourneys.peerNames[index % DemoJourneys.peerNames.count]) \(surnames[(index / 24) % surnames.count])"
            try await accounts.add([
                .uuid(id), .uuid(organisationID), .text("peer.worker.\(index)@\(DemoData.emailDomain)"), .text(name), .text(passwordHash),
                .date(now.addingTimeInterval(-Double(30 + random.next(380)) * day)),
            ])
            try await roles.add([.uuid(ids.next()), .uuid(organisationID), .uuid(id), .text(Role.peerWorker.rawValue)])
        }
        try await accounts.flush()
        try await roles.flush()

        var peers = BulkInsert(
            db, table: "peers",
            columns: [
                "id", "organisation_id", "preferred_name", "pronouns", "how_to_reach", "when_to_reach", "languages", "access_needs",
                "about_me", "created_by", "created_at", "search_key",
            ])
        var relationships = BulkInsert(
            db, table: "relationships", columns: ["id", "organisation_id", "peer_id", "worker_id", "started_at"])
        var transitions = BulkInsert(
            db, table: "stage_transitions",
            columns: [
                "id", "organisation_id", "relationship_id", "position", "from_stage", "to_stage", "at", "moved_by", "initiated_by",
                "reason",
            ])
        var endings = BulkInsert(
            db, table: "relationship_endings",
            columns: ["id", "organisation_id", "relationship_id", "kind", "ending_conversation", "next_steps", "recorded_at"])
        peers.rowsPerStatement = .max
        relationships.rowsPerStatement = .max
        transitions.rowsPerStatement = .max
        endings.rowsPerStatement = .max
        var planned: [Planned] = []
        let peerCount = scale * peersPerUnit
        // The demo peer worker carries about 24 of them, like a part-time caseload.
        let demoShare = 24
        for index in 0..<peerCount {
            let peerID = ids.next()
            let relationshipID = ids.next()
            let mine = index < demoShare
            let worker = mine ? demoWorker : workers[index % workers.count]
            let busy = mine && index == 0
            let began = now.addingTimeInterval(-Double(busy ? 365 : 20 + random.next(345)) * day)
            let name = "\(DemoJourneys.peerNames[random.next(DemoJourneys.peerNames.count)]) \(surnames[random.next(surnames.count)])"
            try await peers.add([
                .uuid(peerID), .uuid(organisationID), .text(name), .text(DemoJourneys.pronouns[random.next(DemoJourneys.pronouns.count)]),
                .text(["Text first", "Phone after 10am", "Email"][random.next(3)]), .text(""), .text(""), .text(""), .text(""),
                .uuid(author), .date(began), .text(SearchIndex.column(forName: name)),
            ])
            try await relationships.add([.uuid(relationshipID), .uuid(organisationID), .uuid(peerID), .uuid(worker), .date(began)])
            let path = busy ? [Stage.safePlace, .workingPartnership] : paths[random.next(paths.count)]
            let span = now.timeIntervalSince(began)
            var previous: Stage?
            for (position, stage) in path.enumerated() {
                let at = began.addingTimeInterval(span * Double(position) / Double(path.count))
                let reason =
                    stage == .ended ? (position == 1 ? "Lost contact after they moved away." : "A planned ending; the door is open.") : ""
                try await transitions.add([
                    .uuid(ids.next()), .uuid(organisationID), .uuid(relationshipID), .int(position + 1),
                    previous.map { .text($0.rawValue) } ?? .null, .text(stage.rawValue), .date(at), .uuid(worker),
                    .text([Initiator.peer, .worker, .both][random.next(3)].rawValue), .text(reason),
                ])
                previous = stage
            }
            var until = now
            if path.last == .ended {
                let plannedEnding = path.count > 2
                until = began.addingTimeInterval(span * Double(path.count - 1) / Double(path.count))
                try await endings.add([
                    .uuid(ids.next()), .uuid(organisationID), .uuid(relationshipID), .text(plannedEnding ? "planned" : "lost_contact"),
                    .bool(plannedEnding), .text(plannedEnding ? "community_connection,door_left_open" : "door_left_open"), .date(until),
                ])
            }
            planned.append(Planned(id: relationshipID, worker: worker, began: began, until: until, busy: busy))
            if index % 250 == 249 {
                // Parents before children, so every foreign key finds its row.
                try await peers.flush()
                try await relationships.flush()
                try await transitions.flush()
                try await endings.flush()
            }
        }
        try await peers.flush()
        try await relationships.flush()
        try await transitions.flush()
        try await endings.flush()

        let conversationsStarted = Date()
        var conversations = BulkInsert(
            db, table: "conversations",
            columns: [
                "id", "organisation_id", "relationship_id", "occurred_at", "minutes", "mode", "place", "reached_out", "shared_note",
                "private_reflection", "for_supervision", "connection", "worldview", "mutuality", "moving_towards", "lived_experience",
                "written_by", "written_at", "version",
            ])
        let modes = ConversationMode.allCases.map(\.rawValue)
        let places = ["Library café", "The park", "Their place", "Drop-in centre", ""]
        var busiestCount = 0
        let organisation = BulkInsert.literal(organisationID)
        let texts = (
            modes: modes.map { BulkInsert.Value.literal("'\($0)'") }, places: places.map { BulkInsert.Value.text($0) },
            notes: DemoJourneys.notes.map { BulkInsert.Value.text($0) }, empty: BulkInsert.Value.literal("''")
        )
        for relationship in planned {
            let relationshipLiteral = BulkInsert.literal(relationship.id)
            let workerLiteral = BulkInsert.literal(relationship.worker)
            var when = relationship.began.addingTimeInterval(Double(1 + random.next(5)) * day)
            var count = 0
            while when < relationship.until {
                try await conversations.add([
                    .uuid(ids.next()), organisation, relationshipLiteral, .date(when), .int([20, 30, 45, 60, 90][random.next(5)]),
                    texts.modes[random.next(modes.count)], texts.places[random.next(places.count)],
                    .text(["peer", "worker", "both"][random.next(3)]), texts.notes[random.next(texts.notes.count)],
                    texts.empty, .bool(false), texts.empty, texts.empty, texts.empty, texts.empty, texts.empty, workerLiteral,
                    .date(when.addingTimeInterval(3_600)), .int(1),
                ])
                count += 1
                // Most peers meet every few days to a week; the busiest texts nearly every day.
                when = when.addingTimeInterval(Double(relationship.busy ? 1 + random.next(2) : 2 + random.next(6)) * day)
            }
            if relationship.busy { busiestCount = count }
        }
        try await conversations.flush()
        try await JourneySummary.recompute(in: organisationID, on: db)
        let finished = Date()
        return Stats(
            workers: workers.count, peers: peerCount, conversations: conversations.written,
            seconds: finished.timeIntervalSince(started), conversationSeconds: finished.timeIntervalSince(conversationsStarted),
            busiestRelationship: planned.first?.id, busiestCount: busiestCount)
    }
}
