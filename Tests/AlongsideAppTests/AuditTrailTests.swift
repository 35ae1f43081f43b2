import AlongsideDomain
import Fluent
import SQLKit
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct AuditTrailTests {
    /// Some ordinary activity: sign-ins, a failed one, a role change, a look at an account.
    static func activity(_ context: TestContext) async throws {
        try await context.seedDemo()
        let admin = try await context.signedInClient("admin@demo.alongside.test")
        let tama = try await context.account("tama.wiremu@demo.alongside.test")
        try await admin.get("/admin/accounts/\(try tama.requireID().uuidString)")
        try await admin.post("/admin/accounts/\(try tama.requireID().uuidString)/roles", [("roles[]", "supervisor")])
        let stranger = context.client()
        try await stranger.get("/login")
        try await stranger.post("/login", [("email", "peer@demo.alongside.test"), ("password", "a wrong guess")])
    }

    static func verify(_ context: TestContext, loggedHeads: [AuditChain.Head] = []) async throws -> AuditChain.Verdict {
        try await AuditVerifier.verify(on: context.db, key: context.app.auditKey, loggedHeads: loggedHeads)
    }

    static func head(_ context: TestContext) async throws -> AuditChain.Head {
        try #require(try await AuditHeadRow.read(on: context.db)).head
    }

    /// A key that is not the installation's: what someone who can write the database, but not read the key file, has.
    static func forger() throws -> AuditKey {
        AuditKey(try AppKey(bytes: Array(repeating: 7, count: 32)))
    }

    @Test func theChainHoldsAfterOrdinaryActivity() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let verdict = try await Self.verify(context)
            guard case .intact(let entries) = verdict else {
                Issue.record("expected an intact trail, got \(verdict)")
                return
            }
            #expect(entries >= 5)
        }
    }

    @Test func changingOneStoredRowIsCaughtAtThatRow() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let victim = try #require(try await AuditEntry.query(on: context.db).filter(\.$action == Action.changeRoles.rawValue).first())
            try await context.sql.update("audit_entries").set("detail", to: SQLBind("roles peerworker -> peerworker"))
                .where("sequence", .equal, SQLBind(victim.sequence)).run()
            let verdict = try await Self.verify(context)
            #expect(
                verdict
                    == .broken(
                        atSequence: victim.sequence,
                        reason: "its contents no longer match its seal: it was changed after it was written, or written without the key"))
        }
    }

    @Test func rewritingARowAndItsHashIsCaughtAtTheNextRow() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let victim = try #require(try await AuditEntry.query(on: context.db).sort(\.$sequence).offset(2).first())
            try await context.sql.update("audit_entries").set("outcome", to: SQLBind("success")).set(
                "hash", to: SQLBind(String(repeating: "a", count: 64))
            )
            .where("sequence", .equal, SQLBind(victim.sequence)).run()
            let verdict = try await Self.verify(context)
            if case .broken(let sequence, _) = verdict {
                #expect(sequence == victim.sequence || sequence == victim.sequence + 1)
            } else {
                Issue.record("tampering went unnoticed")
            }
        }
    }

    @Test func removingTheNewestEntriesIsCaught() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let last = try #require(try await AuditEntry.query(on: context.db).sort(\.$sequence, .descending).first())
            try await context.sql.delete(from: "audit_entries").where("sequence", .equal, SQLBind(last.sequence)).run()
            let verdict = try await Self.verify(context)
            guard case .broken(let sequence, let reason) = verdict else {
                Issue.record("removal went unnoticed")
                return
            }
            #expect(sequence == last.sequence)
            #expect(reason.contains("removed"))
        }
    }

    /// Forty writers at once, spread over every event loop's pool. Most append on their own, as a
    /// request does, and take turns before taking a connection; some append inside a transaction of
    /// their own, as a change is audited, and race the rest for the head row. None may wait on a
    /// pool for long enough to time out, and the chain must come out whole.
    @Test func concurrentWritersNeverForkTheChain() async throws {
        try await withTestApp { context in
            let app = context.app
            let (clock, key, turns) = (context.clock.appClock, app.auditKey, app.auditTurns)
            let loops = Array(app.eventLoopGroup.makeIterator())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<40 {
                    let database = app.databases.database(logger: app.logger, on: loops[index % loops.count])!
                    let entry = AuditLog.Entry(
                        organisationID: nil, actorID: nil, action: "probe", targetKind: "test", targetID: String(index), outcome: .success)
                    group.addTask {
                        if index.isMultiple(of: 10) {
                            try await database.transaction { try await AuditLog(database: $0, clock: clock, key: key).append(entry) }
                        } else {
                            try await AuditLog(database: database, clock: clock, key: key, turns: turns).append(entry)
                        }
                    }
                }
                try await group.waitForAll()
            }
            // The forty-first is the entry that sealed the new trail under the key at start-up.
            #expect(try await Self.verify(context) == .intact(entries: 41))
        }
    }

    /// Forty views of one relationship at once: each is noted once in the trail and once in
    /// `record_reads`, though they are written in batches, and the chain is still one chain.
    @Test func readsNotedTogetherAreEachNotedOnceOnOneChain() async throws {
        try await withTestApp { context in
            try await context.seedDemo(journeys: true)
            let worker = try await context.signedInClient("peerworker@demo.alongside.test")
            let workerID = try await context.demoAccount(.peerWorker).requireID()
            let relationship = try #require(try await Relationship.query(on: context.db).filter(\.$workerID == workerID).first())
            let path = "/relationships/\(try relationship.requireID().uuidString.lowercased())"
            let readsBefore = try await RecordRead.query(on: context.db).count()
            let viewsBefore = try await AuditEntry.query(on: context.db).filter(\.$action == "viewRelationship").count()
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<40 { group.addTask { try await worker.get(path).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .ok })
            #expect(try await RecordRead.query(on: context.db).count() == readsBefore + 40)
            #expect(try await AuditEntry.query(on: context.db).filter(\.$action == "viewRelationship").count() == viewsBefore + 40)
            guard case .intact = try await Self.verify(context) else {
                Issue.record("reads noted together broke the chain")
                return
            }
        }
    }

    /// A note that can't be written (here, one whose read is already stored) fails only its own
    /// request: the others in its batch are written and their pages shown.
    @Test func oneNoteThatCantBeWrittenFailsOnlyItsOwnRead() async throws {
        try await withTestApp { context in
            try await context.seedDemo(journeys: true)
            let app = context.app
            let workerID = try await context.demoAccount(.peerWorker).requireID()
            let relationship = try #require(try await Relationship.query(on: context.db).filter(\.$workerID == workerID).first())
            func note(_ index: Int, id: UUID = UUID()) -> ReadTrailWriter.Note {
                let read = RecordRead(
                    organisationID: relationship.organisationID, peerID: relationship.peerID, readerID: workerID, role: .peerWorker,
                    category: .journey, basis: .relationship, consentID: nil, at: context.clock.appClock.now())
                read.id = id
                return .init(
                    entry: .init(
                        organisationID: relationship.organisationID, actorID: workerID, action: "probe", targetKind: "test",
                        targetID: String(index), outcome: .success),
                    reads: [read], alert: nil)
            }
            let taken = UUID()
            try await app.readTrailWriter.write(note(0, id: taken), on: app.db, clock: context.clock.appClock, key: app.auditKey)
            let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
                for index in 1...20 {
                    let attempt = index == 7 ? note(index, id: taken) : note(index)
                    group.addTask {
                        do {
                            try await app.readTrailWriter.write(attempt, on: app.db, clock: context.clock.appClock, key: app.auditKey)
                            return (index, true)
                        } catch {
                            return (index, false)
                        }
                    }
                }
                return await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(outcomes.filter { !$0.value }.map(\.key) == [7])
            #expect(try await AuditEntry.query(on: context.db).filter(\.$action == "probe").count() == 20)
            guard case .intact = try await Self.verify(context) else {
                Issue.record("a failed note broke the chain")
                return
            }
        }
    }

    @Test func theAuditPageShowsThisOrganisationsEntriesToAdmins() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            let page = try await admin.get("/admin/audit")
            #expect(page.status == .ok)
            #expect(page.contains("changed someone&#39;s roles") || page.contains("changed someone's roles"))
            #expect(page.contains("Kai Thompson"))
        }
    }

    // MARK: The keyed chain (finding 11)

    /// The time the page shows is sealed: moving it by a month is caught at that entry.
    @Test func movingAnEntrysShownTimeIsCaught() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let victim = try #require(try await AuditEntry.query(on: context.db).sort(\.$sequence).offset(3).first())
            try await context.sql.update("audit_entries")
                .set("occurred_at", to: SQLBind(victim.occurredAt.addingTimeInterval(30 * 86_400)))
                .where("sequence", .equal, SQLBind(victim.sequence)).run()
            guard case .broken(let sequence, let reason) = try await Self.verify(context) else {
                Issue.record("a moved time went unnoticed")
                return
            }
            #expect(sequence == victim.sequence)
            #expect(reason.contains("seal"))
        }
    }

    /// Someone who knows the format but not the key edits a row and recomputes the whole chain with
    /// plain SHA-256, as the first chain was: every entry is caught, from the first.
    @Test func aChainRecomputedWithoutTheKeyIsCaught() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let victim = try #require(try await AuditEntry.query(on: context.db).filter(\.$action == Action.changeRoles.rawValue).first())
            try await context.sql.update("audit_entries").set("detail", to: SQLBind("roles peerworker -> peerworker"))
                .where("sequence", .equal, SQLBind(victim.sequence)).run()
            let forger = try Self.forger()
            let recomputes: [@Sendable (AuditRecord) -> String] = [
                { SHA256.hash(data: $0.canonicalBytes).hex },
                { LegacyAuditHash.of($0) },
                { forger.seal($0) },
            ]
            for recompute in recomputes {
                var previous = AuditRecord.genesisHash
                for entry in try await AuditEntry.query(on: context.db).sort(\.$sequence).all() {
                    let hash = recompute(entry.record.withPreviousHash(previous))
                    try await context.sql.update("audit_entries").set("previous_hash", to: SQLBind(previous))
                        .set("hash", to: SQLBind(hash)).where("sequence", .equal, SQLBind(entry.sequence)).run()
                    previous = hash
                }
                try await context.sql.update("audit_head").set("last_hash", to: SQLBind(previous))
                    .set("head_mac", to: SQLBind(SHA256.hash(data: Array(previous.utf8)).hex))
                    .where("id", .equal, SQLBind(1)).run()
                guard case .broken(let sequence, _) = try await Self.verify(context) else {
                    Issue.record("a recomputed chain went unnoticed")
                    return
                }
                #expect(sequence == 1)
            }
        }
    }

    @Test func aRowAppendedWithoutTheKeyIsCaught() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let head = try await Self.head(context)
            let forger = try Self.forger()
            let record = AuditRecord(
                sequence: head.sequence + 1, entryID: UUID(), occurredAtMilliseconds: 1_790_000_000_000, organisationID: nil,
                actorID: nil, action: Action.signIn.rawValue, targetKind: "account", targetID: nil, outcome: "success", detail: "",
                previousHash: head.lastHash)
            let seal = forger.seal(record)
            try await AuditEntry(record: record, hash: seal).create(on: context.db)
            let forged = AuditChain.Head(sequence: record.sequence, lastHash: seal)
            try await context.sql.update("audit_head").set("sequence", to: SQLBind(forged.sequence))
                .set("last_hash", to: SQLBind(seal)).set("head_mac", to: SQLBind(forger.seal(forged)))
                .where("id", .equal, SQLBind(1)).run()
            guard case .broken(let sequence, let reason) = try await Self.verify(context) else {
                Issue.record("a forged row went unnoticed")
                return
            }
            #expect(sequence == record.sequence)
            #expect(reason.contains("without the key"))
        }
    }

    @Test func aTrailCheckedWithAnotherKeyDoesNotHold() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let verdict = try await AuditVerifier.verify(on: context.db, key: try Self.forger())
            guard case .broken(let sequence, _) = verdict else {
                Issue.record("another key verified the trail")
                return
            }
            #expect(sequence == 1)
        }
    }

    /// Putting the database back to a consistent earlier state (rows and head together, as from a
    /// backup) holds by itself; the head written to the log says the trail was longer.
    @Test func aTrailCutBackToAnEarlierStateIsCaughtAgainstALoggedHead() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let saved = try #require(
                try await context.sql.raw("SELECT sequence, last_hash, head_mac FROM audit_head WHERE id = 1").first())
            let earlier = try saved.decode(column: "sequence", as: Int64.self)
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            try await admin.get("/admin/audit")
            let logged = try #require(await AuditHeadReporting.log(context.app, unless: nil))
            #expect(logged.sequence > earlier)

            try await context.sql.delete(from: "audit_entries").where("sequence", .greaterThan, SQLBind(earlier)).run()
            try await context.sql.update("audit_head").set("sequence", to: SQLBind(earlier))
                .set("last_hash", to: SQLBind(try saved.decode(column: "last_hash", as: String.self)))
                .set("head_mac", to: SQLBind(try saved.decode(column: "head_mac", as: String.self)))
                .where("id", .equal, SQLBind(1)).run()
            #expect(try await Self.verify(context) == .intact(entries: Int(earlier)), "an earlier state holds by itself")
            #expect(
                try await Self.verify(context, loggedHeads: [logged])
                    == .broken(
                        atSequence: earlier + 1,
                        reason: "the trail ends at entry \(earlier) but the log recorded \(logged.sequence) entries: entries were removed"))
        }
    }

    /// Without the key an emptied trail can't be given a head that holds; reset to the old unkeyed
    /// chain, it is sealed afresh at the next start, and the logged head shows what was lost.
    @Test func anEmptiedTrailIsCaught() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let logged = try #require(await AuditHeadReporting.log(context.app, unless: nil))
            try await context.sql.delete(from: "audit_entries").run()
            guard case .broken(1, let reason) = try await Self.verify(context) else {
                Issue.record("an emptied trail went unnoticed")
                return
            }
            #expect(reason.contains("removed"))

            try await context.sql.update("audit_head").set("sequence", to: SQLBind(Int64(0)))
                .set("last_hash", to: SQLBind(AuditRecord.genesisHash)).set("head_mac", to: SQLLiteral.null)
                .where("id", .equal, SQLBind(1)).run()
            #expect(try await Self.verify(context) != .intact(entries: 0), "a head without its seal")

            try await context.sql.update("audit_head").set("chain_version", to: SQLBind(1)).where("id", .equal, SQLBind(1)).run()
            try await AuditSealing.sealIfNeeded(
                on: context.db, key: context.app.auditKey, clock: context.clock.appClock, logger: context.app.logger)
            #expect(try await Self.verify(context) == .intact(entries: 1), "only the log knows what was there")
            guard case .broken(_, let lost) = try await Self.verify(context, loggedHeads: [logged]) else {
                Issue.record("an emptied and re-sealed trail matched the logged head")
                return
            }
            #expect(lost.contains("removed"))
        }
    }

    /// Resetting the head to the unkeyed chain, so that a rewritten trail would be sealed as if true,
    /// leaves a second sealing entry.
    @Test func aSecondSealingIsCaught() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            try await context.sql.update("audit_head").set("chain_version", to: SQLBind(1)).where("id", .equal, SQLBind(1)).run()
            let sealed = try #require(
                try await AuditSealing.sealIfNeeded(
                    on: context.db, key: context.app.auditKey, clock: context.clock.appClock, logger: context.app.logger))
            #expect(sealed.legacyBreak != nil, "the keyed entries are no unkeyed chain")
            guard case .broken(_, let reason) = try await Self.verify(context) else {
                Issue.record("a second sealing went unnoticed")
                return
            }
            #expect(reason.contains("sealed under the key again"))
        }
    }

    /// A trail as the first, unkeyed version wrote it: plain SHA-256 over fewer fields, head at version 1.
    static func writeUnkeyedTrail(
        _ context: TestContext, entries count: Int, words: [Int: (targetID: String, detail: String)] = [:]
    ) async throws {
        try await context.sql.delete(from: "audit_entries").run()
        var previous = AuditRecord.genesisHash
        for index in 1...count {
            let record = AuditRecord(
                sequence: Int64(index), entryID: UUID(), occurredAtMilliseconds: 1_789_000_000_000 + Int64(index) * 1000,
                organisationID: nil, actorID: nil, action: Action.signIn.rawValue, targetKind: "account",
                targetID: words[index]?.targetID ?? UUID().uuidString, outcome: "success", detail: words[index]?.detail ?? "",
                previousHash: previous)
            let hash = LegacyAuditHash.of(record)
            try await AuditEntry(record: record, hash: hash).create(on: context.db)
            previous = hash
        }
        try await context.sql.update("audit_head").set("sequence", to: SQLBind(Int64(count)))
            .set("last_hash", to: SQLBind(previous)).set("chain_version", to: SQLBind(1)).set("head_mac", to: SQLLiteral.null)
            .where("id", .equal, SQLBind(1)).run()
    }

    static func sealNow(_ context: TestContext) async throws -> AuditSealing.Sealed? {
        try await AuditSealing.sealIfNeeded(
            on: context.db, key: context.app.auditKey, clock: context.clock.appClock, logger: context.app.logger)
    }

    @Test func aTrailFromBeforeTheKeyIsCheckedAndSealedOnce() async throws {
        try await withTestApp { context in
            try await Self.writeUnkeyedTrail(context, entries: 6)
            #expect(try await Self.verify(context) != .intact(entries: 6), "an unkeyed trail does not pass as keyed")
            let sealed = try await Self.sealNow(context)
            #expect(sealed == AuditSealing.Sealed(resealed: 6, legacyBreak: nil, movedTimes: 0))
            #expect(try await Self.verify(context) == .intact(entries: 7))
            #expect(try await Self.sealNow(context) == nil, "sealed once")
            let seal = try #require(try await AuditVerifier.seals(on: context.db).first)
            #expect(seal.sequence == 7)
            #expect(seal.outcome == "success")
            #expect(seal.detail == "6 earlier entries re-sealed; the unkeyed chain held")
        }
    }

    /// Older versions wrote plan words and typed emails into entries: sealing takes them out.
    @Test func sealingAnOldTrailReplacesPeoplesWordsWithReferences() async throws {
        try await withTestApp { context in
            try await Self.writeUnkeyedTrail(
                context, entries: 4,
                words: [
                    2: ("someone@example.org", ""),
                    3: (UUID().uuidString, "moving-towards plan: Added a step: “Ring my sister Aroha”"),
                ])
            let sealed = try #require(try await Self.sealNow(context))
            #expect(sealed.wordsRemoved == 2)
            #expect(try await Self.verify(context) == .intact(entries: 5))
            let entries = try await AuditEntry.query(on: context.db).all()
            #expect(!entries.contains { $0.detail.contains("Aroha") || ($0.targetID ?? "").contains("@") })
            #expect(entries.contains { $0.targetID == context.app.auditKey.reference(email: "someone@example.org") })
        }
    }

    /// An old trail that was already tampered with is still sealed, so the service runs, but the
    /// sealing entry says where the old chain broke and how many shown times had moved.
    @Test func aTamperedTrailFromBeforeTheKeyIsSealedWithWhereItBroke() async throws {
        try await withTestApp { context in
            try await Self.writeUnkeyedTrail(context, entries: 6)
            try await context.sql.update("audit_entries").set("detail", to: SQLBind("edited"))
                .where("sequence", .equal, SQLBind(Int64(4))).run()
            let second = try #require(try await AuditEntry.query(on: context.db).filter(\.$sequence == 2).first())
            try await context.sql.update("audit_entries")
                .set("occurred_at", to: SQLBind(second.occurredAt.addingTimeInterval(-30 * 86_400)))
                .where("sequence", .equal, SQLBind(Int64(2))).run()
            let sealed = try #require(try await Self.sealNow(context))
            #expect(sealed.resealed == 6)
            #expect(sealed.legacyBreak?.hasPrefix("entry 4:") == true)
            #expect(sealed.movedTimes == 1)
            #expect(try await Self.verify(context) == .intact(entries: 7))
            let seal = try #require(try await AuditVerifier.seals(on: context.db).first)
            #expect(seal.outcome == "failure")
            #expect(seal.detail.contains("did not hold at entry 4"))
        }
    }

    @Test func theHeadIsWrittenToTheLogAsALineVerifyReadsBack() async throws {
        try await withTestApp { context in
            try await Self.activity(context)
            let head = try await Self.head(context)
            #expect(await AuditHeadReporting.log(context.app, unless: nil) == head)
            let found = AuditChain.Head.inLog(LogCapture.shared.all).filter { $0 == head }
            #expect(!found.isEmpty, "the log holds `audit head \(head)`")
            #expect(try await Self.verify(context, loggedHeads: found) == .intact(entries: Int(head.sequence)))
        }
    }

    @Test func theKeyFileIsMadeOnceForItsOwnerOnlyAndAnUnusableOneStopsStartUp() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alongside-key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logger = Logger(label: "key-file-test")
        let path = directory + "/nested/alongside.key"
        let first = try AppKey.load(.file(path: path), logger: logger)
        #expect(FileManager.default.contents(atPath: path)?.count == 32)
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o600)
        let again = try AppKey.load(.file(path: path), logger: logger)
        #expect(AuditKey(first).reference(email: "a@example.org") == AuditKey(again).reference(email: "a@example.org"))

        let short = directory + "/short.key"
        #expect(FileManager.default.createFile(atPath: short, contents: Data([1, 2, 3])))
        let problem = #expect(throws: Settings.Problem.self) { try AppKey.load(.file(path: short), logger: logger) }
        #expect(problem?.description.contains("ALONGSIDE_KEY_FILE") == true)
        let unreadable = #expect(throws: Settings.Problem.self) { try AppKey.load(.file(path: directory), logger: logger) }
        #expect(unreadable?.description.contains("ALONGSIDE_KEY_FILE") == true)
    }

    @Test func theKeyFileIsASettingBesideTheDataByDefault() throws {
        let settings = try Settings.fromEnvironment(["ALONGSIDE_DATA_DIR": "/srv/alongside"])
        #expect(settings.key == .file(path: "/srv/alongside/alongside.key"))
        let chosen = try Settings.fromEnvironment(["ALONGSIDE_KEY_FILE": "/keys/alongside.key", "ALONGSIDE_AUDIT_HEAD_MINUTES": "2"])
        #expect(chosen.key == .file(path: "/keys/alongside.key"))
        #expect(chosen.audit.headLogInterval == 120)
        #expect(throws: Settings.Problem.self) { try Settings.fromEnvironment(["ALONGSIDE_AUDIT_HEAD_MINUTES": "0"]) }
    }

    // MARK: References, not words (finding 8)

    /// A peer with a name nobody else has writes a step in words nobody else uses; their worker
    /// changes the vision and adds a learning; someone tries an email that has no account. Neither
    /// the audit page nor the audit table holds any of it.
    @Test func theTrailHoldsReferencesNeverWordsOrPeersNames() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context, name: "Zephyrine")
            try await worker.get(path)
            let invited = try await worker.post(path + "/portal-invite", [("portalEmail", "zephyrine.quill@example.org")])
            let range = try #require(invited.body.range(of: #"/invite/[A-Za-z0-9_-]+"#, options: .regularExpression))
            let peer = context.client()
            try await peer.get(String(invited.body[range]))
            let accepted = try await peer.post(
                String(invited.body[range]),
                [
                    ("code", try #require(PortalTests.linkCode(in: invited))), ("name", "Zephyrine Quillfeather"),
                    ("password", "tide pools at dawn"), ("confirmation", "tide pools at dawn"),
                ])
            #expect(accepted.status == .seeOther)

            let towards = path + "/towards"
            try await worker.get(towards)
            let vision = try await worker.post(towards + "/vision", [("version", "0"), ("vision", "A marigold kitchen of my own")])
            #expect(vision.status == .seeOther)
            try await peer.get(towards)
            let step = try await peer.post(towards + "/steps", [("stepText", "Paint the lighthouse periwinkle"), ("stepTaker", "peer")])
            #expect(step.status == .seeOther)
            try await worker.get(towards)
            #expect(try await worker.post(towards + "/learnings", [("learning", "Saffron mornings help")]).status == .seeOther)
            let stranger = context.client()
            try await stranger.get("/login")
            try await stranger.post("/login", [("email", "wandering.heron@example.org"), ("password", "not the password")])

            let words = [
                "Zephyrine", "Quillfeather", "periwinkle", "lighthouse", "marigold", "saffron", "zephyrine.quill", "wandering.heron",
            ]
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            var shown = ""
            for number in 1...20 {
                let page = try await admin.get("/admin/audit?page=\(number)")
                #expect(page.status == .ok)
                shown += page.body
                if !page.contains("Older entries") { break }
            }
            for word in words {
                #expect(!shown.lowercased().contains(word.lowercased()), "the audit page shows “\(word)”")
            }
            #expect(shown.contains("A peer ("), "the peer's own doings are shown by reference")
            #expect(shown.contains("changed a moving-towards plan"))

            let stored = try await AuditEntry.query(on: context.db).all().map { entry in
                [entry.action, entry.targetKind, entry.targetID ?? "", entry.outcome, entry.detail].joined(separator: " ")
            }
            .joined(separator: "\n")
            for word in words {
                #expect(!stored.lowercased().contains(word.lowercased()), "the audit table holds “\(word)”")
            }
            #expect(!stored.contains("@"), "no email address is stored")
            let stepID = try #require(try await TowardsStep.query(on: context.db).first()?.requireID())
            #expect(stored.contains("step \(stepID.uuidString.lowercased()) added"))
            #expect(stored.contains("vision changed"))
        }
    }

    @Test func aFailedSignInNamesTheAccountOrAKeyedReferenceNeverTheTypedEmail() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let peer = try await context.demoAccount(.peer)
            let stranger = context.client()
            try await stranger.get("/login")
            try await stranger.post("/login", [("email", "peer@demo.alongside.test"), ("password", "not the password")])
            try await stranger.post("/login", [("email", "nobody.here@example.org"), ("password", "not the password")])
            try await stranger.post("/login", [("email", "Nobody.Here@example.org"), ("password", "still not it")])
            let failures = try await context.auditEntries(action: Action.signIn.rawValue).filter { $0.outcome == "failure" }
            #expect(failures.count == 3)
            let peerID = try peer.requireID().uuidString
            #expect(failures.first?.targetID == peerID)
            let unknown = failures.dropFirst().compactMap(\.targetID)
            #expect(unknown.count == 2)
            #expect(unknown.allSatisfy { $0.hasPrefix("email-") && !$0.contains("@") })
            #expect(Set(unknown).count == 1, "the same address gives the same reference")
        }
    }
}

@Suite struct AuditTrailFilterTests {
    @Test func theTrailSpeaksPlainlyAndNarrowsToAPersonAPeerAndDays() async throws {
        try await withTestApp { context in
            let (_, path) = try await JourneyFlowTests.addPeer(context, name: "Hinemoa Parata")
            // Adding a second peer refreshes the demo, which signs the first client out.
            let (worker, _) = try await JourneyFlowTests.addPeer(context, name: "Wiremu Tane")
            try await worker.get(path)
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            let all = try await admin.get("/admin/audit")
            #expect(all.contains(">read a relationship<"))
            #expect(all.contains(">added a peer<") && !all.contains(">viewRelationship<"))
            let sam = try await context.demoAccount(.peerWorker)
            let bySam = try await admin.get("/admin/audit?person=\(try sam.requireID().uuidString.lowercased())")
            #expect(bySam.contains(">added a peer<") && !bySam.contains(">Kai Thompson</td>"))
            let relationshipID = try #require(UUID(uuidString: String(path.split(separator: "/").last!)))
            let hinemoa = try #require(try await Relationship.find(relationshipID, on: context.db)).peerID
            let reference = String(hinemoa.uuidString.lowercased().prefix(8))
            let aboutHinemoa = try await admin.get("/admin/audit?peer=\(reference)")
            #expect(aboutHinemoa.contains(String(relationshipID.uuidString.lowercased().prefix(8))), "the relationship's entries")
            #expect(!aboutHinemoa.contains(">signed in<"), "nothing that isn't about her records")
            let byName = try await admin.get("/admin/audit?peer=hinemoa")
            #expect(byName.contains("the 8 characters the trail shows"), "never by name")
            #expect(!byName.contains(">read a relationship<"))
            let tomorrow = PlanDate.text(context.clock.now.addingTimeInterval(2 * 86_400))
            #expect(try await admin.get("/admin/audit?from=\(tomorrow)").contains("Nothing in the trail matches."))
            let bad = try await admin.get("/admin/audit?from=not-a-date")
            #expect(bad.contains("From: enter a date like 2026-11-24.") && bad.status == .ok)
            let paged = try await admin.get("/admin/audit?peer=\(reference)&page=1")
            #expect(paged.status == .ok)
        }
    }
}
