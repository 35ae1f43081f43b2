/// Walks an audit trail in order and finds the first link that does not hold.
public enum AuditChain {
    public enum Verdict: Sendable, Equatable {
        case intact(entries: Int)
        case broken(atSequence: Int64, reason: String)
    }

    /// Checks entries one at a time, so a long trail can be read in pages.
    public struct Walker: Sendable {
        private var expectedPrevious = AuditRecord.genesisHash
        private var expectedSequence: Int64 = 1
        public private(set) var checked = 0

        public init() {}

        /// - Returns: the broken link, or nil when this entry holds.
        public mutating func step(_ record: AuditRecord, storedHash: String, hash: (String) -> String) -> Verdict? {
            if record.sequence != expectedSequence {
                return .broken(
                    atSequence: record.sequence,
                    reason: "expected entry \(expectedSequence) but found \(record.sequence): an entry is missing")
            }
            if record.previousHash != expectedPrevious {
                return .broken(atSequence: record.sequence, reason: "it does not point at the hash of the entry before it")
            }
            if hash(record.canonicalText) != storedHash {
                return .broken(
                    atSequence: record.sequence,
                    reason: "its contents no longer match its hash: it was changed after it was written")
            }
            expectedPrevious = storedHash
            expectedSequence += 1
            checked += 1
            return nil
        }
    }

    /// - Parameters:
    ///   - entries: stored records in sequence order, each with the hash stored beside it
    ///   - hash: the hash function (hex SHA-256 in the app), injected so this stays pure
    public static func verify(
        _ entries: some Sequence<(record: AuditRecord, storedHash: String)>,
        hash: (String) -> String
    ) -> Verdict {
        var walker = Walker()
        for (record, storedHash) in entries {
            if let broken = walker.step(record, storedHash: storedHash, hash: hash) { return broken }
        }
        return .intact(entries: walker.checked)
    }
}
