import AlongsideDomain
import ConsoleKit
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import AlongsideApp

/// Free text is sealed before it reaches the database: a copy of the SQLite file, its WAL, or
/// every PostgreSQL table read with a plain SELECT, holds none of the words people wrote.
@Suite struct EncryptionAtRestTests {
    static let sentence = "Kererū flew over the old quarry wall"

    /// Every model with free text, so the test can reach every sealed field in each.
    static func overwriteEverySealedField(with text: String, on database: any Database) async throws {
        try await overwrite(Peer.self, text, database)
        try await overwrite(Conversation.self, text, database)
        try await overwrite(ConversationVersion.self, text, database)
        try await overwrite(NoteResponse.self, text, database)
        try await overwrite(TransitionRecord.self, text, database)
        try await overwrite(EndingRecord.self, text, database)
        try await overwrite(HandoverRecord.self, text, database)
        try await overwrite(HeadspaceRecord.self, text, database)
        try await overwrite(PlannedConversation.self, text, database)
        try await overwrite(BillingRecord.self, text, database)
        try await overwrite(TowardsPlan.self, text, database)
        try await overwrite(TowardsStep.self, text, database)
        try await overwrite(TowardsLearning.self, text, database)
        try await overwrite(TowardsReview.self, text, database)
        try await overwrite(PlanChange.self, text, database)
        try await overwrite(SafetyPlan.self, text, database)
        try await overwrite(SafetyPlanVersion.self, text, database)
        try await overwrite(CheckInRecord.self, text, database)
        try await overwrite(ConcernRecord.self, text, database)
        try await overwrite(EscalationRecord.self, text, database)
        try await overwrite(InboxNotification.self, text, database)
        try await overwrite(HeldForm.self, text, database)
        try await overwrite(Account.self, text, database)
        try await overwrite(ProfileVersion.self, text, database)
        try await overwrite(ConsentRecord.self, text, database)
        try await overwrite(BreakGlassRecord.self, text, database)
        try await overwrite(Referral.self, text, database)
    }

    private static func overwrite<M: Model>(_ type: M.Type, _ text: String, _ database: any Database) async throws {
        for row in try await M.query(on: database).all() {
            for case let field as any AnySealedField in row.properties { field.replace(with: text) }
            try await row.save(on: database)
        }
    }

    /// Rows the demo doesn't make: an earlier wording of a note and of a profile, a billing record
    /// sent back, a plan review, a handover and a form held over a sign-in.
    static func oneOfEachRareRecord(_ context: TestContext) async throws {
        let db = context.db
        let note = try #require(try await Conversation.query(on: db).first())
        let worker = note.writtenBy
        try await ConversationVersion(superseded: note).create(on: db)
        let peer = try #require(try await Peer.query(on: db).first())
        try await ProfileVersion(before: peer, by: worker, at: context.clock.now).create(on: db)
        let billing = try BillingRecord(note: note, by: worker, at: context.clock.now)
        billing.returnReason = "Sent back"
        try await billing.create(on: db)
        let plan = try #require(try await TowardsPlan.query(on: db).first())
        try await TowardsReview(plan: plan, conversationID: try note.requireID(), text: "Reviewed", by: worker, at: context.clock.now)
            .create(on: db)
        let relationship = try #require(try await Relationship.find(note.relationshipID, on: db))
        let handover = HandoverRecord()
        handover.organisationID = relationship.organisationID
        handover.relationshipID = try relationship.requireID()
        handover.fromWorker = worker
        handover.toWorker = worker
        handover.at = context.clock.now
        handover.by = worker
        handover.reason = "Leave"
        try await handover.create(on: db)
        try await HeldForm(tokenHash: "held", accountID: worker, path: "/home", body: "{}", at: context.clock.now).create(on: db)
    }

    /// The words, as they would show in raw bytes: as written and as a search would fold them.
    static func traces(of text: String) -> [String] { [text, SearchKey.fold(text), "quarry wall"] }

    @Test func aKnownSentenceInEveryFreeTextFieldIsNowhereInTheRawDatabase() async throws {
        try await withTestApp { context in
            try await context.seedDemo(journeys: true)
            let fixture = try await RouteFixture.make(context)
            #expect(!fixture.isEmpty)
            // Through the forms first: a new peer named by the sentence, a note, a plan's vision.
            let worker = try await context.signedInClient("peerworker@demo.alongside.test")
            try await worker.get("/peers/new")
            let sam = try await context.demoAccount(.peerWorker)
            let added = try await worker.post(
                "/peers", [("preferredName", Self.sentence), ("pronouns", "they/them"), ("worker", try sam.requireID().uuidString)])
            let path = try #require(added.locationPath)
            try await worker.get(path + "/conversations/new")
            let note = try await worker.post(path + "/conversations", ConversationTests.good(context, note: Self.sentence))
            #expect(note.status == .seeOther)
            try await worker.get(path + "/towards")
            #expect(try await worker.post(path + "/towards/vision", [("vision", Self.sentence)]).status == .seeOther)
            // The search finds the peer by a piece of the name, though the index holds only hashes.
            #expect(try await worker.get("/search?q=quarry").contains(Self.sentence))
            // A row in each table the demo leaves empty, then every sealed field of every row, through the models.
            try await Self.oneOfEachRareRecord(context)
            try await Self.overwriteEverySealedField(with: Self.sentence, on: context.db)

            // Every free-text column now holds the sentence somewhere, sealed.
            for (table, column) in SealedColumns.all where column != "totp_secret" {
                let values = try await context.sql.raw("SELECT \(ident: column) AS value FROM \(ident: table) WHERE \(ident: column) <> ''")
                    .all()
                let opened = try values.map { try $0.decodeSealed(column: "value") as String }
                #expect(opened.contains { $0.contains(Self.sentence) }, "\(table).\(column) was not written")
            }

            if let directory = context.app.settings.database.sqliteDirectory {
                // The file and its write-ahead log, byte for byte, not checkpointed first.
                var read = 0
                for suffix in ["", "-wal", "-shm"] {
                    guard let bytes = FileManager.default.contents(atPath: directory + "/alongside.sqlite" + suffix) else { continue }
                    read += bytes.count
                    for trace in Self.traces(of: Self.sentence) {
                        #expect(bytes.range(of: Data(trace.utf8)) == nil, "alongside.sqlite\(suffix) holds “\(trace)”")
                    }
                }
                #expect(read > 0)
                #expect(FileManager.default.fileExists(atPath: directory + "/alongside.sqlite-wal"), "the WAL was read too")
            } else {
                // Every table of the test's schema, each row as PostgreSQL prints it.
                let tables = try await context.sql.raw(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                ).all().map { try $0.decode(column: "table_name", as: String.self) }
                #expect(tables.count > 30)
                for table in tables {
                    let rows = try await context.sql.raw("SELECT CAST(t.* AS text) AS row FROM \(ident: table) t").all()
                    for row in rows {
                        let text = try row.decode(column: "row", as: String.self)
                        for trace in Self.traces(of: Self.sentence) {
                            #expect(!text.contains(trace), "\(table) holds “\(trace)”")
                        }
                    }
                }
            }
        }
    }

    @Test func aRotationSealsEveryValueAgainUnderANewKeyGoesOnWhereItStoppedAndRetiresTheOldKey() async throws {
        try await withTestApp { context in
            try await context.seedDemo(journeys: true)
            let before = FieldCipher.id(of: DataKeys.derivedFirst(context.app.installationKey))
            let total = try await Resealing.remaining(under: "none", on: context.sql)
            #expect(total > 100)

            // A rotation stopped part way: its key made and recorded, a few values under it.
            context.clock.advance(by: 60)
            let key = SymmetricKey(size: .bits256)
            let newID = FieldCipher.shared.add(key)
            try await context.sql.insert(into: "data_keys").columns("id", "wrapped", "created_at")
                .values(SQLBind(newID), SQLBind(DataKeys.wrap(key, master: context.app.installationKey)), SQLBind(context.clock.now))
                .run()
            let some = try await context.sql.raw("SELECT id, shared_note FROM conversations WHERE shared_note <> '' LIMIT 3").all()
            for row in some {
                let sealed = try FieldCipher.shared.seal(try row.decodeSealed(column: "shared_note"), under: newID)
                try await context.sql.raw(
                    "UPDATE conversations SET shared_note = \(bind: sealed) WHERE id = \(bind: try row.decode(column: "id", as: UUID.self))"
                ).run()
            }
            #expect(try await Resealing.remaining(under: newID, on: context.sql) == total - some.count)

            // Run again while people keep reading: it goes on with the same key.
            let console = RecordingConsole()
            var base = CommandContext(console: console, input: CommandInput(arguments: ["alongside", "--wait", "0", "--batch", "50"]))
            base.application = context.app
            let prepared = base
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    var command = prepared
                    try await KeysCommands.RotateCommand().run(using: &command)
                }
                group.addTask {
                    for _ in 0..<5 {
                        let page = try await coordinator.get("/relationships")
                        #expect(page.status == .ok)
                    }
                }
                try await group.waitForAll()
            }
            #expect(console.text.contains("Going on with the rotation to key \(newID)"))
            let left = total - some.count
            #expect(console.text.contains("\(left) of \(left) values"), "the progress counts every value left")
            #expect(try await Resealing.remaining(under: newID, on: context.sql) == 0)
            // The ring is the process's; other tests' servers set it too. The database says which key is live.
            let keys = try await DataKeys.rows(on: context.sql)
            #expect(keys.first { $0.id == before }?.retiredAt != nil, "the old key is retired")
            #expect(keys.first { $0.id == before }?.wrapped == "", "and no longer kept")
            #expect(try await context.auditEntries(action: "rotateDataKeys").count == 1)

            // Everything still reads, through the pages and after a restart with the same key.
            let worker = try await context.signedInClient("peerworker@demo.alongside.test")
            #expect(try await worker.get("/caseload").status == .ok)
            try await DataKeys.load(context.app.installationKey, on: context.db, now: context.clock.now)
            #expect(try await DataKeys.rows(on: context.sql).filter { $0.retiredAt == nil }.map(\.id) == [newID])
        }
    }

    /// Opened values are kept by their sealed form, which changes whenever the words do (a fresh
    /// nonce each seal): what is kept can never be an older wording.
    @Test func aValueOpensToItsOwnWordsEvenAfterItWasOpenedBefore() async throws {
        try await withTestApp { (_: TestContext) async throws in
            let cipher = FieldCipher.shared
            let first = cipher.seal("We walked to the beach.")
            let again = cipher.seal("We walked to the beach.")
            #expect(first != again, "a fresh nonce every time")
            #expect(try cipher.open(first) == "We walked to the beach.")
            let changed = cipher.seal("We walked to the café.")
            #expect(try cipher.open(changed) == "We walked to the café.")
            #expect(try cipher.open(first) == "We walked to the beach.")
            #expect(throws: (any Error).self) { try cipher.open(String(first.dropLast(4)) + "AAAA") }
        }
    }

    @Test func aStoredDataKeyThatThisServersKeyCantOpenStopsStartUpNamingIt() async throws {
        try await withTestApp { context in
            let other = try AppKey(bytes: (0..<32).map { UInt8(255 - $0) })
            let stored = try #require(try await DataKeys.rows(on: context.sql).first)
            let problem = #expect(throws: Settings.Problem.self) { try DataKeys.unwrap(stored, master: other) }
            #expect(problem?.description.contains("data key \(stored.id)") == true)
            #expect(try DataKeys.unwrap(stored, master: context.app.installationKey) == DataKeys.derivedFirst(context.app.installationKey))
        }
    }
}

/// A console that keeps what a command printed.
final class RecordingConsole: Console, @unchecked Sendable {
    private let lock = NSLock()
    private var printed = ""
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (80, 24) }

    var text: String { lock.withLock { printed } }

    func input(isSecure: Bool) -> String { "" }

    func output(_ text: ConsoleText, newLine: Bool) {
        lock.withLock { printed += text.description + (newLine ? "\n" : "") }
    }

    func clear(_ type: ConsoleClear) {}

    func report(error: String, newLine: Bool) {
        lock.withLock { printed += error + (newLine ? "\n" : "") }
    }
}

extension DatabaseSettings {
    var sqliteDirectory: String? {
        if case .sqliteFile(let directory) = self { directory } else { nil }
    }
}
