import Fluent
import SQLKit

/// The peer portal: an invite can be for a peer (so accepting it links their account to their
/// record), and peers can comment on a shared note or ask for it to change.
struct AddPeerPortal: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("invites")
            .field("peer_id", .uuid, .references("peers", "id"))
            .update()
        try await database.schema("note_responses")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("conversation_id", .uuid, .required, .references("conversations", "id"))
            .field("kind", .string, .required)
            .field("body", .string, .required)
            .field("written_by", .uuid, .required, .references("accounts", "id"))
            .field("written_at", .datetime, .required)
            // The note's version when the peer wrote, so they can see whether it has changed since.
            .field("note_version", .int, .required)
            .field("answer", .string)
            .field("answered_by", .uuid, .references("accounts", "id"))
            .field("answered_at", .datetime)
            .create()
        try await (database as! any SQLDatabase).create(index: "note_responses_by_conversation").on("note_responses")
            .column("conversation_id").column("written_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("note_responses").delete()
        try await database.schema("invites").deleteField("peer_id").update()
    }
}
