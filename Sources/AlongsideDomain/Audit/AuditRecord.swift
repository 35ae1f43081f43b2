import Foundation

/// One entry in the audit trail, as it is sealed. The trail is append-only and each entry carries
/// the seal of the one before, so an edited or deleted row breaks the chain. The seal is a keyed
/// MAC (the app computes it; this stays pure) over `canonicalBytes`, which hold every stored field.
///
/// An entry holds references, never words a person wrote: ids, kinds, counts, names of fields.
public struct AuditRecord: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        case success
        case failure
        case denied
    }

    public let sequence: Int64
    /// The row's own id, so a row can't be swapped for a copy under another id.
    public let entryID: UUID
    public let occurredAtMilliseconds: Int64
    /// The `occurred_at` column as stored (the time the audit page shows), in whole microseconds.
    public let occurredAtMicroseconds: Int64
    public let organisationID: UUID?
    public let actorID: UUID?
    public let action: String
    public let targetKind: String
    public let targetID: String?
    /// Kept as the stored text, so that any change to it, even to an unknown value, breaks the seal.
    public let outcome: String
    public let detail: String
    public let previousHash: String

    /// - Parameter occurredAtMicroseconds: the stored `occurred_at`, when reading a row back; a new
    ///   entry leaves it out, and it is the sealed millisecond exactly.
    public init(
        sequence: Int64, entryID: UUID, occurredAtMilliseconds: Int64, occurredAtMicroseconds: Int64? = nil,
        organisationID: UUID?, actorID: UUID?, action: String,
        targetKind: String, targetID: String?, outcome: String, detail: String, previousHash: String
    ) {
        self.sequence = sequence
        self.entryID = entryID
        self.occurredAtMilliseconds = occurredAtMilliseconds
        let scaled = occurredAtMilliseconds.multipliedReportingOverflow(by: 1000)
        self.occurredAtMicroseconds = occurredAtMicroseconds ?? (scaled.overflow ? Int64.max : scaled.partialValue)
        self.organisationID = organisationID
        self.actorID = actorID
        self.action = action
        self.targetKind = targetKind
        self.targetID = targetID
        self.outcome = outcome
        self.detail = detail
        self.previousHash = previousHash
    }

    /// The same record with another target and detail: used once, when a trail is sealed, to take
    /// out words that older versions wrote into entries.
    public func with(targetID: String?, detail: String) -> AuditRecord {
        AuditRecord(
            sequence: sequence, entryID: entryID, occurredAtMilliseconds: occurredAtMilliseconds,
            occurredAtMicroseconds: occurredAtMicroseconds, organisationID: organisationID, actorID: actorID, action: action,
            targetKind: targetKind, targetID: targetID, outcome: outcome, detail: detail, previousHash: previousHash)
    }

    /// The same record pointing at another previous seal: used when a trail is re-sealed.
    public func withPreviousHash(_ previousHash: String) -> AuditRecord {
        AuditRecord(
            sequence: sequence, entryID: entryID, occurredAtMilliseconds: occurredAtMilliseconds,
            occurredAtMicroseconds: occurredAtMicroseconds, organisationID: organisationID, actorID: actorID, action: action,
            targetKind: targetKind, targetID: targetID, outcome: outcome, detail: detail, previousHash: previousHash)
    }

    /// Whether the stored `occurred_at` is the sealed millisecond. A database may move a time by a
    /// microsecond on its way in and out (binary fractions), never by more.
    public var shownTimeIsSealedTime: Bool {
        let scaled = occurredAtMilliseconds.multipliedReportingOverflow(by: 1000)
        guard !scaled.overflow else { return false }
        let drift = occurredAtMicroseconds.subtractingReportingOverflow(scaled.partialValue)
        return !drift.overflow && drift.partialValue.magnitude <= 2
    }

    /// The exact bytes that are sealed: a tag, then every stored field, each as a presence byte and a
    /// length-prefixed UTF-8 string, so no two different records share a canonical form. The
    /// shown time is held as "=" when it is the sealed millisecond, otherwise as its own
    /// microseconds, so moving it by more than the drift above breaks the seal.
    public var canonicalBytes: [UInt8] {
        var bytes = Array("alongside audit entry v2".utf8)
        Self.append(String(sequence), to: &bytes)
        Self.append(entryID.uuidString.lowercased(), to: &bytes)
        Self.append(String(occurredAtMilliseconds), to: &bytes)
        Self.append(shownTimeIsSealedTime ? "=" : String(occurredAtMicroseconds), to: &bytes)
        Self.append(organisationID?.uuidString.lowercased(), to: &bytes)
        Self.append(actorID?.uuidString.lowercased(), to: &bytes)
        Self.append(action, to: &bytes)
        Self.append(targetKind, to: &bytes)
        Self.append(targetID, to: &bytes)
        Self.append(outcome, to: &bytes)
        Self.append(detail, to: &bytes)
        Self.append(previousHash, to: &bytes)
        return bytes
    }

    /// A field: 0 when absent; otherwise 1, its length in bytes as 8 bytes big-endian, and its UTF-8.
    static func append(_ field: String?, to bytes: inout [UInt8]) {
        guard let field else {
            bytes.append(0)
            return
        }
        let utf8 = Array(field.utf8)
        bytes.append(1)
        withUnsafeBytes(of: UInt64(utf8.count).bigEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: utf8)
    }

    /// The text the first, unkeyed chain hashed with plain SHA-256. Read only to check a trail written
    /// before it was sealed under the key, once, as it is re-sealed.
    public var legacyCanonicalText: String {
        [
            String(sequence), String(occurredAtMilliseconds),
            organisationID?.uuidString.lowercased() ?? "-", actorID?.uuidString.lowercased() ?? "-",
            action, targetKind, targetID ?? "-", outcome, detail, previousHash,
        ]
        .map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\u{1F}", with: "\\u") }
        .joined(separator: "\u{1F}")
    }

    /// The hash the chain starts from, before the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)
}
