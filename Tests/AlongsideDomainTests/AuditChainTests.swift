import AlongsideDomain
import Foundation
import Testing

@Suite struct AuditChainTests {
    /// FNV-1a, printed as hex: a stand-in for the keyed seal so the chain logic is tested without a crypto library.
    static func fnv(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    static func seal(_ record: AuditRecord) -> String { fnv(record.canonicalBytes) }

    static func chain(_ count: Int) -> [(record: AuditRecord, storedHash: String)] {
        var previous = AuditRecord.genesisHash
        return (1...count).map { index in
            let record = AuditRecord(
                sequence: Int64(index), entryID: UUID(), occurredAtMilliseconds: 1_790_000_000_000 + Int64(index) * 1000,
                organisationID: nil, actorID: nil, action: "signIn", targetKind: "account", targetID: "a\(index)",
                outcome: "success", detail: "entry \(index)", previousHash: previous)
            previous = seal(record)
            return (record, previous)
        }
    }

    @Test func anUntouchedChainIsIntact() {
        #expect(AuditChain.verify(Self.chain(10), seal: Self.seal) == .intact(entries: 10))
    }

    @Test func anEditedEntryIsNamed() {
        var entries = Self.chain(10)
        let original = entries[3].record
        entries[3].record = AuditRecord(
            sequence: original.sequence, entryID: original.entryID, occurredAtMilliseconds: original.occurredAtMilliseconds,
            organisationID: nil, actorID: nil, action: original.action, targetKind: original.targetKind,
            targetID: original.targetID, outcome: "failure", detail: original.detail,
            previousHash: original.previousHash)
        guard case .broken(let sequence, _) = AuditChain.verify(entries, seal: Self.seal) else {
            Issue.record("edit not caught")
            return
        }
        #expect(sequence == 4)
    }

    @Test func aMissingEntryIsNamed() {
        var entries = Self.chain(10)
        entries.remove(at: 6)
        guard case .broken(let sequence, let reason) = AuditChain.verify(entries, seal: Self.seal) else {
            Issue.record("gap not caught")
            return
        }
        #expect(sequence == 8)
        #expect(reason.contains("missing"))
    }

    @Test func fieldsCannotBeShiftedIntoEachOther() {
        let id = UUID()
        func record(action: String, targetKind: String, targetID: String?) -> AuditRecord {
            AuditRecord(
                sequence: 1, entryID: id, occurredAtMilliseconds: 1, organisationID: nil, actorID: nil, action: action,
                targetKind: targetKind, targetID: targetID, outcome: "success", detail: "", previousHash: "0")
        }
        let a = record(action: "a\u{1F}b", targetKind: "c", targetID: nil)
        let b = record(action: "a", targetKind: "b\u{1F}c", targetID: nil)
        #expect(a.canonicalBytes != b.canonicalBytes)
        #expect(a.legacyCanonicalText != b.legacyCanonicalText)
        let shifted = record(action: "ab", targetKind: "c", targetID: nil)
        let moved = record(action: "a", targetKind: "bc", targetID: nil)
        #expect(shifted.canonicalBytes != moved.canonicalBytes)
        let absent = record(action: "a", targetKind: "b", targetID: nil)
        #expect(absent.canonicalBytes != record(action: "a", targetKind: "b", targetID: "").canonicalBytes)
    }

    /// The time the audit page shows is sealed too: moving it by a month breaks the entry, while the
    /// microsecond a database may add or lose on the way in and out does not.
    @Test func theShownTimeIsSealed() {
        var entries = Self.chain(5)
        let original = entries[2].record
        func shown(_ microseconds: Int64) -> AuditRecord {
            AuditRecord(
                sequence: original.sequence, entryID: original.entryID, occurredAtMilliseconds: original.occurredAtMilliseconds,
                occurredAtMicroseconds: microseconds, organisationID: nil, actorID: nil, action: original.action,
                targetKind: original.targetKind, targetID: original.targetID, outcome: original.outcome, detail: original.detail,
                previousHash: original.previousHash)
        }
        entries[2].record = shown(original.occurredAtMicroseconds - 1)
        #expect(AuditChain.verify(entries, seal: Self.seal) == .intact(entries: 5))
        entries[2].record = shown(original.occurredAtMicroseconds + 30 * 86_400 * 1_000_000)
        guard case .broken(let sequence, _) = AuditChain.verify(entries, seal: Self.seal) else {
            Issue.record("a moved time was not caught")
            return
        }
        #expect(sequence == 3)
        #expect(!shown(Int64.max).shownTimeIsSealedTime)
    }

    @Test func aRewrittenEntryIdIsCaught() {
        var entries = Self.chain(4)
        let original = entries[1].record
        entries[1].record = AuditRecord(
            sequence: original.sequence, entryID: UUID(), occurredAtMilliseconds: original.occurredAtMilliseconds,
            organisationID: nil, actorID: nil, action: original.action, targetKind: original.targetKind,
            targetID: original.targetID, outcome: original.outcome, detail: original.detail, previousHash: original.previousHash)
        #expect(AuditChain.verify(entries, seal: Self.seal) != .intact(entries: 4))
    }

    /// A trail cut back to a consistent earlier state holds by itself; a head from the log says it was longer.
    @Test func aTrailShorterThanALoggedHeadIsCaught() {
        let entries = Self.chain(10)
        let logged = AuditChain.Head(sequence: 10, lastHash: entries[9].storedHash)
        #expect(AuditChain.verify(entries, loggedHeads: [logged], seal: Self.seal) == .intact(entries: 10))
        guard case .broken(let sequence, let reason) = AuditChain.verify(entries.prefix(7), loggedHeads: [logged], seal: Self.seal)
        else {
            Issue.record("truncation not caught")
            return
        }
        #expect(sequence == 8)
        #expect(reason.contains("removed"))
        let emptied = AuditChain.verify([(record: AuditRecord, storedHash: String)](), loggedHeads: [logged], seal: Self.seal)
        #expect(
            emptied == .broken(atSequence: 1, reason: "the trail ends at entry 0 but the log recorded 10 entries: entries were removed"))
    }

    @Test func anEntryThatIsNotTheLoggedHeadIsCaught() {
        let entries = Self.chain(6)
        let other = AuditChain.Head(sequence: 4, lastHash: String(repeating: "ab", count: 32))
        guard case .broken(let sequence, _) = AuditChain.verify(entries, loggedHeads: [other], seal: Self.seal) else {
            Issue.record("a rewritten trail matched a head it never had")
            return
        }
        #expect(sequence == 4)
    }

    @Test func aMovedHeadOrAnUnsealedHeadIsCaught() {
        var walker = AuditChain.Walker()
        let entries = Self.chain(3)
        for entry in entries {
            let broken = walker.step(entry.record, storedHash: entry.storedHash, seal: Self.seal)
            #expect(broken == nil)
        }
        let head = AuditChain.Head(sequence: 3, lastHash: entries[2].storedHash)
        #expect(walker.finish(head: head, headSealHolds: true) == .intact(entries: 3))
        #expect(walker.finish(head: head, headSealHolds: false) != .intact(entries: 3))
        #expect(walker.finish(head: AuditChain.Head(sequence: 5, lastHash: head.lastHash), headSealHolds: true) != .intact(entries: 3))
        let movedBack = AuditChain.Head(sequence: 3, lastHash: entries[1].storedHash)
        #expect(walker.finish(head: movedBack, headSealHolds: true) != .intact(entries: 3))
    }

    @Test func headsAreReadBackFromTheirLogLines() {
        let seal = String(repeating: "0f", count: 32)
        let head = AuditChain.Head(sequence: 42, lastHash: seal)
        #expect(AuditChain.Head(head.description) == head)
        #expect(AuditChain.Head("42:" + seal.uppercased()) == nil)
        #expect(AuditChain.Head("42") == nil)
        #expect(AuditChain.Head("-1:" + seal) == nil)
        let log = """
            2026-01-01T10:00:00Z [ NOTICE ] audit head 41:\(String(repeating: "1a", count: 32)) [component: server]
            2026-01-01T10:01:00Z [ INFO ] GET /home 200
            notice alongside audit head \(head) [:]
            """
        #expect(AuditChain.Head.inLog(log).map(\.sequence) == [41, 42])
        #expect(AuditChain.Head.inLog(log).last == head)
    }
}
