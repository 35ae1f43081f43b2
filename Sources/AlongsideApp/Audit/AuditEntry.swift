import AlongsideDomain
import Fluent
import Foundation

/// A stored audit trail entry. Rows are only ever inserted; `hash` is the keyed seal (HMAC-SHA-256)
/// of every field here and of the seal before.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "sequence") var sequence: Int64
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "occurred_at_ms") var occurredAtMilliseconds: Int64
    @OptionalField(key: "organisation_id") var organisationID: UUID?
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "action") var action: String
    @Field(key: "target_kind") var targetKind: String
    @OptionalField(key: "target_id") var targetID: String?
    @Field(key: "outcome") var outcome: String
    @Field(key: "detail") var detail: String
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}

    init(record: AuditRecord, hash: String) {
        id = record.entryID
        sequence = record.sequence
        occurredAt = Date(timeIntervalSince1970: Double(record.occurredAtMilliseconds) / 1000)
        occurredAtMilliseconds = record.occurredAtMilliseconds
        organisationID = record.organisationID
        actorID = record.actorID
        action = record.action
        targetKind = record.targetKind
        targetID = record.targetID
        outcome = record.outcome
        detail = record.detail
        previousHash = record.previousHash
        self.hash = hash
    }

    /// The record exactly as stored, for verification: every column, the shown time included.
    var record: AuditRecord {
        AuditRecord(
            sequence: sequence, entryID: id ?? Self.noID, occurredAtMilliseconds: occurredAtMilliseconds,
            occurredAtMicroseconds: Self.microseconds(occurredAt), organisationID: organisationID,
            actorID: actorID, action: action, targetKind: targetKind, targetID: targetID,
            outcome: outcome, detail: detail, previousHash: previousHash)
    }

    private static let noID = UUID(uuidString: "00000000-0000-0000-0000-000000000000")!

    /// A stored time in whole microseconds; a time too far out to count in them (only an edited row
    /// holds one) becomes the largest number, which never matches a sealed time.
    static func microseconds(_ date: Date) -> Int64 {
        let value = (date.timeIntervalSince1970 * 1_000_000).rounded()
        return value.magnitude < 9.0e18 ? Int64(value) : Int64.max
    }
}
