import Fluent
import SQLKit
import Vapor

/// Writes the trail of reads for many requests at once (group commit).
///
/// Every view of a peer's record writes an audit entry and a `record_reads` row before the page is
/// shown. Written one transaction per view, those writes queued on SQLite's one writer and on the
/// audit head row: the relationship page spent more time waiting to note that it was read than
/// reading. Here a view hands its note to the writer and waits; whoever arrives while a batch is
/// being written joins the next one, and each batch is one transaction that takes the head row
/// once. A page is still shown only after its read is committed, and the chain stays one chain:
/// the batch's entries are sealed in order, each on the one before.
actor ReadTrailWriter {
    struct Note: Sendable {
        let entry: AuditLog.Entry
        let reads: [RecordRead]
        let alert: Alert?
    }

    /// What the peer's inbox is told. Kept as values, not a model: a model that Fluent saved in a
    /// transaction that then failed believes it exists, and can't be saved again.
    struct Alert: Sendable {
        let organisationID: UUID
        let to: UUID
        let message: String
        let at: Date
    }

    private struct Waiting {
        let note: Note
        let done: CheckedContinuation<Void, any Error>
    }

    /// Large enough to carry every request a busy server has in flight, small enough that one
    /// statement's binds stay far inside SQLite's and PostgreSQL's limits.
    static let largestBatch = 64

    private var waiting: [Waiting] = []
    private var writing = false

    /// Returns once `note` is committed, or throws what stopped it. `database` is the app's (never a
    /// transaction's: the note commits on its own), and the batch uses whichever caller's came first.
    func write(_ note: Note, on database: any Database, clock: AppClock, key: AuditKey) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            waiting.append(Waiting(note: note, done: done))
            guard !writing else { return }
            writing = true
            Task { await self.drain(on: database, clock: clock, key: key) }
        }
    }

    private func drain(on database: any Database, clock: AppClock, key: AuditKey) async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(Self.largestBatch))
            waiting.removeFirst(batch.count)
            do {
                try await Self.commit(batch.map(\.note), on: database, clock: clock, key: key)
                for item in batch { item.done.resume() }
            } catch let error as any DatabaseError where batch.count > 1 && error.isConstraintFailure {
                // One note that can't be written (its peer erased a moment ago) mustn't fail the
                // others' pages: write them one by one, each with its own outcome. Any other failure
                // (a lock or a pool that timed out) would only time out again for each of them.
                for item in batch {
                    do {
                        try await Self.commit([item.note], on: database, clock: clock, key: key)
                        item.done.resume()
                    } catch {
                        item.done.resume(throwing: error)
                    }
                }
            } catch {
                for item in batch { item.done.resume(throwing: error) }
            }
        }
        writing = false
    }

    private static func commit(_ notes: [Note], on database: any Database, clock: AppClock, key: AuditKey) async throws {
        try await database.transaction { transaction in
            try await AuditLog.write(notes.map(\.entry), in: transaction, clock: clock, key: key)
            let reads = notes.flatMap(\.reads)
            if !reads.isEmpty { try await RecordRead.insert(reads, on: transaction) }
            for alert in notes.compactMap(\.alert) {
                try await InboxNotification(
                    organisationID: alert.organisationID, to: alert.to, kind: .recordRead, message: alert.message, link: .whoLooked,
                    at: alert.at
                ).create(on: transaction)
            }
        }
    }
}

extension Application {
    private struct ReadTrailWriterKey: StorageKey { typealias Value = ReadTrailWriter }

    /// Set once by `configure`, before any request.
    var readTrailWriter: ReadTrailWriter {
        get { storage[ReadTrailWriterKey.self]! }
        set { storage[ReadTrailWriterKey.self] = newValue }
    }
}

extension RecordRead {
    /// One statement for the batch, written with SQLKit: Fluent's `create` reflects on the model's
    /// properties for every row, which cost more than the insert.
    static func insert(_ reads: [RecordRead], on database: any Database) async throws {
        var insert = (database as! any SQLDatabase).insert(into: schema).columns(
            "id", "organisation_id", "peer_id", "reader_id", "reader_role", "category", "basis", "consent_id", "read_at")
        for read in reads {
            insert = insert.values(
                SQLBind(read.id ?? UUID.timeOrdered(at: read.readAt)), SQLBind(read.organisationID), SQLBind(read.peerID),
                SQLBind(read.readerID), SQLBind(read.readerRole), SQLBind(read.category), SQLBind(read.basis),
                SQLBind.orNull(read.consentID),
                SQLBind(read.readAt))
        }
        try await insert.run()
    }
}
