import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// The one writer of the audit trail. Pass the transaction's database when auditing a write, so
/// the change and its audit entry are saved together or not at all.
struct AuditLog: Sendable {
    let database: any Database
    let clock: AppClock

    struct Entry: Sendable {
        var organisationID: UUID?
        var actorID: UUID?
        var action: String
        var targetKind: String
        var targetID: String?
        var outcome: AuditRecord.Outcome
        var detail: String = ""
    }

    func append(_ entry: Entry) async throws {
        let now = clock.now()
        try await database.transaction { transaction in
            let sql = transaction as! any SQLDatabase
            // Taking the head row's lock first makes concurrent writers wait their turn.
            guard
                let head = try await sql.raw(
                    "UPDATE audit_head SET sequence = sequence + 1 WHERE id = 1 RETURNING sequence, last_hash"
                ).first()
            else { throw Abort(.internalServerError, reason: "audit head row is missing") }
            let record = AuditRecord(
                sequence: try head.decode(column: "sequence", as: Int64.self),
                occurredAtMilliseconds: Int64((now.timeIntervalSince1970 * 1000).rounded(.down)),
                organisationID: entry.organisationID, actorID: entry.actorID, action: entry.action,
                targetKind: entry.targetKind, targetID: entry.targetID, outcome: entry.outcome.rawValue,
                detail: entry.detail, previousHash: try head.decode(column: "last_hash", as: String.self))
            let hash = AuditHash.of(record)
            try await AuditEntry(record: record, hash: hash).create(on: transaction)
            try await sql.raw("UPDATE audit_head SET last_hash = \(bind: hash) WHERE id = 1").run()
        }
    }

    /// Records what the signed-in person (or anonymous visitor) did.
    func record(
        _ request: Request, action: String, target: String, targetID: String? = nil,
        outcome: AuditRecord.Outcome, detail: String = "", organisationID: UUID? = nil, actorID: UUID? = nil
    ) async throws {
        try await append(
            Entry(
                organisationID: organisationID ?? request.signedIn?.actor.organisationID,
                actorID: actorID ?? request.signedIn?.actor.accountID,
                action: action, targetKind: target, targetID: targetID, outcome: outcome, detail: detail))
    }
}

enum AuditHash {
    static func of(_ record: AuditRecord) -> String { hex(record.canonicalText) }

    static func hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).hex
    }
}

extension Request {
    var audit: AuditLog { AuditLog(database: db, clock: application.clock) }

    func audit(on database: any Database) -> AuditLog { AuditLog(database: database, clock: application.clock) }
}
