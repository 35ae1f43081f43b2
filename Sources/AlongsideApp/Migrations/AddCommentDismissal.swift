import Fluent

/// A worker may put a peer's comment aside once read, so it leaves their home page; the comment
/// itself stays on the note.
struct AddCommentDismissal: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("note_responses").field("dismissed_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("note_responses").deleteField("dismissed_at").update()
    }
}
