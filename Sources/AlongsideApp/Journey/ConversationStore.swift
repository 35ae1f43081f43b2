import AlongsideDomain
import Fluent
import Foundation

/// Writes to conversation notes. A change never overwrites: the version being replaced is copied
/// whole into the history first, in the same transaction as the change and its audit entry.
enum ConversationStore {
    struct StaleChange: Error {}

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
