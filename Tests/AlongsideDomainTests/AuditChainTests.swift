import AlongsideDomain
import Foundation
import Testing

@Suite struct AuditChainTests {
    /// FNV-1a, printed as hex: a stand-in hash so the chain logic is tested without a crypto library.
    static func fnv(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    static func chain(_ count: Int) -> [(record: AuditRecord, storedHash: String)] {
        var previous = AuditRecord.genesisHash
        return (1...count).map { index in
            let record = AuditRecord(
                sequence: Int64(index), occurredAtMilliseconds: Int64(index) * 1000, organisationID: nil,
                actorID: nil, action: "signIn", targetKind: "account", targetID: "a\(index)",
                outcome: "success", detail: "entry \(index)", previousHash: previous)
            previous = fnv(record.canonicalText)
            return (record, previous)
        }
    }

    @Test func anUntouchedChainIsIntact() {
        #expect(AuditChain.verify(Self.chain(10), hash: Self.fnv) == .intact(entries: 10))
    }

    @Test func anEditedEntryIsNamed() {
        var entries = Self.chain(10)
        let original = entries[3].record
        entries[3].record = AuditRecord(
            sequence: original.sequence, occurredAtMilliseconds: original.occurredAtMilliseconds,
            organisationID: nil, actorID: nil, action: original.action, targetKind: original.targetKind,
            targetID: original.targetID, outcome: "failure", detail: original.detail,
            previousHash: original.previousHash)
        guard case .broken(let sequence, _) = AuditChain.verify(entries, hash: Self.fnv) else {
            Issue.record("edit not caught")
            return
        }
        #expect(sequence == 4)
    }

    @Test func aMissingEntryIsNamed() {
        var entries = Self.chain(10)
        entries.remove(at: 6)
        guard case .broken(let sequence, let reason) = AuditChain.verify(entries, hash: Self.fnv) else {
            Issue.record("gap not caught")
            return
        }
        #expect(sequence == 8)
        #expect(reason.contains("missing"))
    }

    @Test func fieldsCannotBeShiftedIntoEachOther() {
        let a = AuditRecord(
            sequence: 1, occurredAtMilliseconds: 1, organisationID: nil, actorID: nil, action: "a\u{1F}b",
            targetKind: "c", targetID: nil, outcome: "success", detail: "", previousHash: "0")
        let b = AuditRecord(
            sequence: 1, occurredAtMilliseconds: 1, organisationID: nil, actorID: nil, action: "a",
            targetKind: "b\u{1F}c", targetID: nil, outcome: "success", detail: "", previousHash: "0")
        #expect(a.canonicalText != b.canonicalText)
    }
}
