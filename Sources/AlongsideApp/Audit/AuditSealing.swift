import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// Moves a trail onto the keyed chain, once, at the first start after the upgrade (and on a new
/// database, at its first start).
///
/// The first chain was plain SHA-256 over fewer fields, which anyone who can write the database can
/// recompute. Sealing checks that old chain as it stands, then re-seals every entry with the key
/// (HMAC-SHA-256 over every field), marks the head as keyed and appends an entry of its own saying
/// how many entries it re-sealed and whether the old chain held. The trail is sealed even if the
/// old chain was broken, so the service keeps running, but that entry and the log say where it broke.
enum AuditSealing {
    static let action = "sealAuditChain"

    struct Sealed: Sendable, Equatable {
        let resealed: Int
        /// Where and why the old chain did not hold, if it didn't.
        let legacyBreak: String?
        /// Entries whose shown time (`occurred_at`) was not the time the old chain sealed.
        let movedTimes: Int
        /// Entries from older versions whose words were replaced by references as they were sealed.
        var wordsRemoved = 0
    }

    /// An entry as it would be written now: plan changes by kind, never their words, and a sign-in
    /// for an address as a keyed reference, never the address.
    static func withoutWords(_ record: AuditRecord, key: AuditKey) -> AuditRecord {
        var detail = record.detail
        var targetID = record.targetID
        if detail.hasPrefix("moving-towards plan:") { detail = "moving-towards plan changed (words removed when sealed)" }
        if let target = targetID, target.contains("@") { targetID = key.reference(email: target) }
        return record.with(targetID: targetID, detail: detail)
    }

    /// - Returns: what was done, or nil when the trail was already sealed under the key.
    @discardableResult
    static func sealIfNeeded(on database: any Database, key: AuditKey, clock: AppClock, logger: Logger) async throws -> Sealed? {
        let result: Sealed? = try await database.transaction { db in
            let sql = db as! any SQLDatabase
            // Locks the head row, so two instances starting at once seal it once.
            guard
                let head = try await sql.raw(
                    "UPDATE audit_head SET chain_version = chain_version WHERE id = 1 RETURNING chain_version, sequence, last_hash"
                ).first()
            else { throw Abort(.internalServerError, reason: "audit head row is missing") }
            guard try head.decode(column: "chain_version", as: Int.self) < AuditChain.keyedVersion else { return nil }
            let legacyHead = AuditChain.Head(
                sequence: try head.decode(column: "sequence", as: Int64.self),
                lastHash: try head.decode(column: "last_hash", as: String.self))

            var legacy = AuditChain.Walker()
            var legacyBreak: String?
            var movedTimes = 0
            var previousSeal = AuditRecord.genesisHash
            var resealed = 0
            var wordsRemoved = 0
            var after: Int64 = 0
            while true {
                let page = try await AuditEntry.query(on: db).filter(\.$sequence > after).sort(\.$sequence).limit(1_000).all()
                guard let last = page.last else { break }
                for entry in page {
                    let record = entry.record
                    if legacyBreak == nil,
                        case .broken(let sequence, let reason) = legacy.step(
                            record, storedHash: entry.hash, seal: LegacyAuditHash.of)
                    {
                        legacyBreak = "entry \(sequence): \(reason)"
                    }
                    if !record.shownTimeIsSealedTime { movedTimes += 1 }
                    // Older versions wrote plan words and typed emails into entries: sealed
                    // without them, once, after the old chain was checked as it was.
                    let cleaned = Self.withoutWords(record, key: key)
                    if cleaned.detail != record.detail || cleaned.targetID != record.targetID { wordsRemoved += 1 }
                    let resealedRecord = cleaned.withPreviousHash(previousSeal)
                    let seal = key.seal(resealedRecord)
                    try await sql.update(AuditEntry.schema)
                        .set("previous_hash", to: SQLBind(previousSeal))
                        .set("hash", to: SQLBind(seal))
                        .set("detail", to: SQLBind(resealedRecord.detail))
                        .set("target_id", to: SQLBind(resealedRecord.targetID))
                        .where("id", .equal, SQLBind(resealedRecord.entryID))
                        .run()
                    previousSeal = seal
                    resealed += 1
                }
                after = last.sequence
            }
            // Entries cut from the end of the old chain: its head still knew how many were written.
            if legacyBreak == nil, case .broken(let sequence, let reason) = legacy.finish(head: legacyHead, headSealHolds: true) {
                legacyBreak = "entry \(sequence): \(reason)"
            }
            let sealedHead = AuditChain.Head(sequence: Int64(resealed), lastHash: previousSeal)
            try await sql.update("audit_head")
                .set("sequence", to: SQLBind(sealedHead.sequence))
                .set("last_hash", to: SQLBind(sealedHead.lastHash))
                .set("head_mac", to: SQLBind(key.seal(sealedHead)))
                .set("chain_version", to: SQLBind(AuditChain.keyedVersion))
                .where("id", .equal, SQLBind(1))
                .run()
            let outcome = Sealed(resealed: resealed, legacyBreak: legacyBreak, movedTimes: movedTimes, wordsRemoved: wordsRemoved)
            try await AuditLog(database: db, clock: clock, key: key).append(
                .init(
                    organisationID: nil, actorID: nil, action: Self.action, targetKind: "auditTrail", targetID: nil,
                    outcome: legacyBreak == nil && movedTimes == 0 ? .success : .failure,
                    detail: Self.detail(outcome)))
            return outcome
        }
        if let result {
            let message: Logger.Message = "Audit trail sealed under the key: \(detail(result))."
            if result.legacyBreak == nil && result.movedTimes == 0 {
                logger.notice(message)
            } else {
                logger.critical(message)
            }
        }
        return result
    }

    /// What the sealing entry says: counts and, if the old chain broke, where. References only.
    static func detail(_ result: Sealed) -> String {
        var parts = ["\(result.resealed) earlier entries re-sealed"]
        if let legacyBreak = result.legacyBreak {
            parts.append("the unkeyed chain did not hold at \(legacyBreak)")
        } else {
            parts.append("the unkeyed chain held")
        }
        if result.movedTimes > 0 {
            parts.append("\(result.movedTimes) entries show a time other than the one the unkeyed chain sealed")
        }
        if result.wordsRemoved > 0 {
            parts.append("\(result.wordsRemoved) entries had people's words, now references")
        }
        return parts.joined(separator: "; ")
    }
}

/// Writes the audit trail's head (`audit head <count>:<seal>`) to the log at notice level: at
/// start, every few minutes while the trail grows, and at shutdown. Log shipping keeps these lines
/// where the database can't change them, and `alongside audit verify --expect-head` (or
/// `--heads-from`) then notices a trail cut back to an earlier state, or emptied.
///
/// Only committed heads are written (the head row is read, not remembered from a write that might
/// still be rolled back), and only when the head has moved.
struct AuditHeadReporting: LifecycleHandler {
    let interval: TimeInterval
    private let loop = AuditHeadLoop()

    init(interval: TimeInterval) { self.interval = interval }

    func didBootAsync(_ application: Application) async throws {
        await loop.start(application, every: interval)
    }

    func shutdownAsync(_ application: Application) async {
        await loop.stop(application)
    }

    /// Reads the head and logs it unless it is `previous`. Returns the head now known.
    @discardableResult
    static func log(_ application: Application, unless previous: AuditChain.Head?) async -> AuditChain.Head? {
        do {
            guard let row = try await AuditHeadRow.read(on: application.db) else { return previous }
            if row.head != previous {
                application.logger.notice("\(AuditChain.Head.logPrefix)\(row.head.description)")
            }
            return row.head
        } catch {
            application.logger.warning("The audit trail's head could not be read to log it: \(String(describing: error))")
            return previous
        }
    }
}

/// The repeating task behind `AuditHeadReporting`.
actor AuditHeadLoop {
    private var task: Task<Void, Never>?

    func start(_ application: Application, every interval: TimeInterval) async {
        guard task == nil else { return }
        let first = await AuditHeadReporting.log(application, unless: nil)
        let nanoseconds = UInt64(max(1, interval) * 1_000_000_000)
        task = Task {
            var last = first
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: nanoseconds)
                if Task.isCancelled { return }
                last = await AuditHeadReporting.log(application, unless: last)
            }
        }
    }

    func stop(_ application: Application) async {
        guard let task else { return }
        task.cancel()
        await task.value
        self.task = nil
        await AuditHeadReporting.log(application, unless: nil)
    }
}
