import AlongsideDomain
import Fluent
import Foundation
import Vapor

/// Writes to conversation notes. A change never overwrites: the version being replaced is copied
/// whole into the history first, in the same transaction as the change and its audit entry.
enum ConversationStore {
    struct StaleChange: Error {}

    /// Saves a new note, with a copy for each other peer of a group conversation (each must be in
    /// the same worker's caseload still), and its audit entry, all or nothing.
    static func record(_ conversation: Conversation, copiesFor group: [UUID], request: Request) async throws {
        let actor = try request.requireActor()
        let organisationID = actor.organisationID
        let workerID = actor.accountID
        try await request.db.transaction { db in
            try await conversation.create(on: db)
            for otherID in group {
                guard
                    let other = try await Relationship.query(on: db).filter(\.$id == otherID)
                        .filter(\.$organisationID == organisationID).filter(\.$workerID == workerID).first()
                else { throw PageError.gone("One of the others changed while you were writing. Nothing was saved; try again.") }
                try await conversation.copy(for: other).create(on: db)
            }
            try await request.audit(on: db).record(
                request, action: Action.recordConversation.rawValue, target: "conversation", targetID: conversation.id?.uuidString,
                outcome: .success, detail: group.isEmpty ? "" : "group, with a copy for \(group.count) other peers")
        }
    }

    /// - Parameter expectedVersion: the version the person started editing. If someone else has
    ///   saved since, nothing is written and `StaleChange` is thrown.
    static func change(
        _ note: Conversation, to draft: ConversationDraft, expectedVersion: Int, by actor: Actor, on database: any Database,
        clock: AppClock, auditKey: AuditKey
    ) async throws {
        let now = clock.now()
        try await database.transaction { db in
            guard
                let current = try await Conversation.query(on: db).filter(\.$id == note.requireID())
                    .filter(\.$organisationID == note.organisationID).first(),
                current.version == expectedVersion
            else { throw StaleChange() }
            do {
                // Unique on (conversation, version): of two people saving over the same version, one wins.
                try await ConversationVersion(superseded: current).create(on: db)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                throw StaleChange()
            }
            current.apply(draft)
            current.version += 1
            current.changedBy = actor.accountID
            current.changedAt = now
            try await current.save(on: db)
            try await AuditLog(database: db, clock: clock, key: auditKey).append(
                .init(
                    organisationID: actor.organisationID, actorID: actor.accountID, action: Action.editConversation.rawValue,
                    targetKind: "conversation", targetID: current.id?.uuidString, outcome: .success,
                    detail: "version \(expectedVersion) -> \(current.version)"))
        }
    }
}
