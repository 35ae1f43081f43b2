import AlongsideDomain
import Fluent
import Metrics
import SQLKit
import Vapor

/// The one writer of the audit trail. Pass the transaction's database when auditing a write, so
/// the change and its audit entry are saved together or not at all.
///
/// An entry holds references, never words a person wrote: ids and kinds of records, counts, the
/// names of fields that changed. Never put a peer's words, a name or an email in `detail` or `targetID`.
struct AuditLog: Sendable {
    let database: any Database
    let clock: AppClock
    let key: AuditKey
    /// The app's turns for appends made outside a transaction (`Request.audit` passes them).
    var turns: AuditTurns? = nil

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
        let started = DispatchTime.now().uptimeNanoseconds
        defer {
            Metrics.Timer(label: "alongside_audit_append_duration_seconds", preferredDisplayUnit: .seconds)
                .recordNanoseconds(DispatchTime.now().uptimeNanoseconds - started)
        }
        // Inside a transaction the connection is already held, and the head row's lock alone orders
        // the writers. Waiting for a turn there could wait on someone waiting for that connection.
        guard let turns, !database.inTransaction else { return try await write(entry) }
        await turns.take()
        do {
            try await write(entry)
        } catch {
            await turns.give()
            throw error
        }
        await turns.give()
    }

    private func write(_ entry: Entry) async throws {
        try await database.transaction { transaction in
            try await Self.write([entry], in: transaction, clock: clock, key: key)
        }
    }

    /// Appends `entries` in order inside `transaction`, taking the head row once for all of them, so a
    /// batch of reads noted together costs one turn at the head, not one each.
    static func write(_ entries: [Entry], in transaction: any Database, clock: AppClock, key: AuditKey) async throws {
        guard !entries.isEmpty else { return }
        let now = clock.now()
        let sql = transaction as! any SQLDatabase
        // Taking the head row's lock first makes concurrent writers wait their turn.
        guard
            let head = try await sql.raw(
                "UPDATE audit_head SET sequence = sequence + \(bind: Int64(entries.count)) WHERE id = 1 RETURNING sequence, last_hash"
            ).first()
        else { throw Abort(.internalServerError, reason: "audit head row is missing") }
        var sequence = try head.decode(column: "sequence", as: Int64.self) - Int64(entries.count)
        var previousSeal = try head.decode(column: "last_hash", as: String.self)
        let milliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        // Written with SQLKit, not Fluent's `create`: Fluent reflects on the model's properties
        // for every row it saves, and these rows are the most written of all.
        var insert = sql.insert(into: AuditEntry.schema).columns(
            "id", "sequence", "occurred_at", "occurred_at_ms", "organisation_id", "actor_id", "action", "target_kind", "target_id",
            "outcome", "detail", "previous_hash", "hash")
        for entry in entries {
            sequence += 1
            let record = AuditRecord(
                sequence: sequence, entryID: UUID.timeOrdered(at: now), occurredAtMilliseconds: milliseconds,
                organisationID: entry.organisationID, actorID: entry.actorID, action: entry.action,
                targetKind: entry.targetKind, targetID: entry.targetID, outcome: entry.outcome.rawValue,
                detail: entry.detail, previousHash: previousSeal)
            let seal = key.seal(record)
            // Stored as `AuditEntry` stores it (`AuditTrailTests` verify every seal against what is read back).
            insert = insert.values(
                SQLBind(record.entryID), SQLBind(record.sequence),
                SQLBind(Date(timeIntervalSince1970: Double(record.occurredAtMilliseconds) / 1000)), SQLBind(record.occurredAtMilliseconds),
                SQLBind.orNull(record.organisationID), SQLBind.orNull(record.actorID), SQLBind(record.action), SQLBind(record.targetKind),
                SQLBind.orNull(record.targetID), SQLBind(record.outcome), SQLBind(record.detail), SQLBind(record.previousHash),
                SQLBind(seal))
            previousSeal = seal
        }
        try await insert.run()
        let newHead = AuditChain.Head(sequence: sequence, lastHash: previousSeal)
        try await sql.raw(
            "UPDATE audit_head SET last_hash = \(bind: previousSeal), head_mac = \(bind: key.seal(newHead)) WHERE id = 1"
        ).run()
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

/// The audit trail's keys, derived from the installation's key: one seals the chain, one turns
/// what a visitor typed (an email with no account) into a reference that can be matched but not read.
struct AuditKey: Sendable {
    private let chain: SymmetricKey
    private let references: SymmetricKey

    init(_ key: AppKey) {
        chain = key.derive("alongside audit chain v1")
        references = key.derive("alongside audit references v1")
    }

    /// HMAC-SHA-256 of every stored field and the seal before, as hex.
    func seal(_ record: AuditRecord) -> String {
        HMAC<SHA256>.authenticationCode(for: record.canonicalBytes, using: chain).hex
    }

    /// The head row's own seal, so it can't be moved back to an earlier count without the key.
    func seal(_ head: AuditChain.Head) -> String {
        HMAC<SHA256>.authenticationCode(for: head.canonicalBytes, using: chain).hex
    }

    /// A reference to an email address that has no account: the same address always gives the same
    /// reference, so repeated attempts can be seen together, but the address can't be read back.
    func reference(email: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(email.lowercased().utf8), using: references)
        return "email-" + String(mac.hex.prefix(16))
    }
}

/// The plain SHA-256 of the first, unkeyed chain: read only to check a trail once, as it is sealed under the key.
enum LegacyAuditHash {
    static func of(_ record: AuditRecord) -> String {
        SHA256.hash(data: Data(record.legacyCanonicalText.utf8)).hex
    }
}

extension Application {
    private struct AuditKeyKey: StorageKey { typealias Value = AuditKey }

    var auditKey: AuditKey {
        get { storage[AuditKeyKey.self]! }
        set { storage[AuditKeyKey.self] = newValue }
    }
}

/// Appends made outside a transaction take turns in this process *before* they take a pooled
/// connection.
///
/// Appends are ordered by the lock on the audit head row, and a writer waiting for that lock holds
/// a pooled connection while it waits. Each event loop's pool has few connections (one on SQLite,
/// four on PostgreSQL), so during a burst of audited requests (sixty sign-ins at once) the writers queued on
/// the head row held every connection there was: the signed-in page beside them waited seconds for
/// one, and a writer queued behind them for ten seconds failed with "connection request timed out
/// … connection deadlock" (`concurrentWritersNeverForkTheChain` met the same on PostgreSQL, its
/// writers all queued on one pool). Taking turns here first, at most one standalone append in this
/// process holds a connection at a time, and waiting for a turn holds nothing and has no deadline.
/// Never take a turn while holding a connection: an append inside a transaction skips them.
actor AuditTurns {
    private var taken = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func take() async {
        guard taken else {
            taken = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the turn to whoever has waited longest.
    func give() {
        if waiting.isEmpty {
            taken = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

extension Application {
    private struct AuditTurnsKey: StorageKey { typealias Value = AuditTurns }

    /// Set once by `configure`, before any request.
    var auditTurns: AuditTurns {
        get { storage[AuditTurnsKey.self]! }
        set { storage[AuditTurnsKey.self] = newValue }
    }
}

extension Request {
    var audit: AuditLog { AuditLog(database: db, clock: application.clock, key: application.auditKey, turns: application.auditTurns) }

    func audit(on database: any Database) -> AuditLog {
        AuditLog(database: database, clock: application.clock, key: application.auditKey, turns: application.auditTurns)
    }
}
