import Foundation

/// Walks an audit trail in order and finds the first link that does not hold: an edited, removed,
/// reordered or forged entry, a head moved back, or a trail shorter than one the log recorded.
public enum AuditChain {
    public enum Verdict: Sendable, Equatable {
        case intact(entries: Int)
        case broken(atSequence: Int64, reason: String)
    }

    /// The chain's version in the head row: 1 was plain SHA-256, 2 is sealed under the key.
    public static let keyedVersion = 2

    /// The head row: how many entries were written and the seal of the last one.
    public struct Head: Sendable, Equatable, CustomStringConvertible {
        public let sequence: Int64
        public let lastHash: String

        public init(sequence: Int64, lastHash: String) {
            self.sequence = sequence
            self.lastHash = lastHash
        }

        /// As written to the log and given back to `audit verify --expect-head`: `count:seal`.
        public var description: String { "\(sequence):\(lastHash)" }

        /// Reads `count:seal`, as the log line and `--expect-head` give it.
        public init?(_ text: some StringProtocol) {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, let sequence = Int64(parts[0]), sequence >= 0,
                parts[1].count == 64, parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
            else { return nil }
            self.init(sequence: sequence, lastHash: String(parts[1]))
        }

        /// The bytes the head's own seal covers, so the head row can't be moved back without the key.
        public var canonicalBytes: [UInt8] {
            var bytes = Array("alongside audit head v2".utf8)
            AuditRecord.append(String(sequence), to: &bytes)
            AuditRecord.append(lastHash, to: &bytes)
            return bytes
        }

        /// The words that start a head's line in the application log.
        public static let logPrefix = "audit head "

        /// Every head found in log text, from lines holding `audit head <count>:<seal>`.
        public static func inLog(_ text: String) -> [Head] {
            text.split(whereSeparator: \.isNewline).compactMap { line in
                guard let range = line.range(of: logPrefix) else { return nil }
                let token = line[range.upperBound...].prefix { !$0.isWhitespace && $0 != "\"" && $0 != "," }
                return Head(token)
            }
        }
    }

    /// Checks entries one at a time, so a long trail can be read in pages.
    public struct Walker: Sendable {
        private var expectedPrevious = AuditRecord.genesisHash
        private var expectedSequence: Int64 = 1
        /// Heads written to the log while the trail grew: each entry they name must still be there, unchanged.
        private let logged: [Int64: Set<String>]
        public private(set) var checked = 0

        public init(loggedHeads: [Head] = []) {
            var logged: [Int64: Set<String>] = [:]
            for head in loggedHeads where head.sequence > 0 { logged[head.sequence, default: []].insert(head.lastHash) }
            self.logged = logged
        }

        /// - Parameter seal: the keyed seal of a record (HMAC-SHA-256 in the app), injected so this stays pure.
        /// - Returns: the broken link, or nil when this entry holds.
        public mutating func step(_ record: AuditRecord, storedHash: String, seal: (AuditRecord) -> String) -> Verdict? {
            if record.sequence != expectedSequence {
                return .broken(
                    atSequence: record.sequence,
                    reason: "expected entry \(expectedSequence) but found \(record.sequence): an entry is missing")
            }
            if record.previousHash != expectedPrevious {
                return .broken(atSequence: record.sequence, reason: "it does not point at the seal of the entry before it")
            }
            if seal(record) != storedHash {
                return .broken(
                    atSequence: record.sequence,
                    reason: "its contents no longer match its seal: it was changed after it was written, or written without the key")
            }
            if let heads = logged[record.sequence], heads.contains(where: { $0 != storedHash }) {
                return .broken(
                    atSequence: record.sequence,
                    reason: "it is not the entry the log recorded as the head at \(record.sequence): the trail was rewritten from here")
            }
            expectedPrevious = storedHash
            expectedSequence += 1
            checked += 1
            return nil
        }

        /// After the last entry: the trail must end where its sealed head, and every logged head, say it does.
        /// - Parameter headSealHolds: whether the head row's own seal matches it (checked with the key by the caller).
        public func finish(head: Head, headSealHolds: Bool) -> Verdict {
            let last = Int64(checked)
            if let logged = logged.keys.filter({ $0 > last }).max() {
                return .broken(
                    atSequence: last + 1,
                    reason: "the trail ends at entry \(last) but the log recorded \(logged) entries: entries were removed")
            }
            if head.sequence > last {
                return .broken(
                    atSequence: last + 1,
                    reason: "the trail ends at entry \(last) but \(head.sequence) were written: entries were removed")
            }
            if head.sequence < last {
                return .broken(
                    atSequence: head.sequence + 1,
                    reason: "the trail goes on past the \(head.sequence) entries its head records: entries were added around the writer")
            }
            if head.lastHash != expectedPrevious {
                return .broken(atSequence: last, reason: "the head does not hold the seal of the last entry")
            }
            if !headSealHolds {
                return .broken(atSequence: last, reason: "the head's own seal does not hold: it was written without the key")
            }
            return .intact(entries: checked)
        }
    }

    /// Walks entries held in memory; the head is taken to be where they end.
    /// - Parameters:
    ///   - entries: stored records in sequence order, each with the seal stored beside it
    ///   - seal: the keyed seal (HMAC-SHA-256 in the app), injected so this stays pure
    public static func verify(
        _ entries: some Sequence<(record: AuditRecord, storedHash: String)>,
        loggedHeads: [Head] = [],
        seal: (AuditRecord) -> String
    ) -> Verdict {
        var walker = Walker(loggedHeads: loggedHeads)
        var last = AuditRecord.genesisHash
        for (record, storedHash) in entries {
            if let broken = walker.step(record, storedHash: storedHash, seal: seal) { return broken }
            last = storedHash
        }
        return walker.finish(head: Head(sequence: Int64(walker.checked), lastHash: last), headSealHolds: true)
    }
}
