import Foundation

/// One entry in the audit trail, as it is hashed. The trail is append-only and each entry
/// carries the hash of the one before, so an edited or deleted row breaks the chain.
public struct AuditRecord: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        case success
        case failure
        case denied
    }

    public let sequence: Int64
    public let occurredAtMilliseconds: Int64
    public let organisationID: UUID?
    public let actorID: UUID?
    public let action: String
    public let targetKind: String
    public let targetID: String?
    /// Kept as the stored text, so that any change to it, even to an unknown value, breaks the hash.
    public let outcome: String
    public let detail: String
    public let previousHash: String

    public init(
        sequence: Int64, occurredAtMilliseconds: Int64, organisationID: UUID?, actorID: UUID?, action: String,
        targetKind: String, targetID: String?, outcome: String, detail: String, previousHash: String
    ) {
        self.sequence = sequence
        self.occurredAtMilliseconds = occurredAtMilliseconds
        self.organisationID = organisationID
        self.actorID = actorID
        self.action = action
        self.targetKind = targetKind
        self.targetID = targetID
        self.outcome = outcome
        self.detail = detail
        self.previousHash = previousHash
    }

    /// The exact text that is hashed. Fields are separated by a character that cannot appear in
    /// them unescaped, so no two different records share a canonical form.
    public var canonicalText: String {
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
