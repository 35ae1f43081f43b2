import Fluent
import SQLKit

/// Editing a note keeps every earlier version. The note row holds the current version and who
/// last changed it; each superseded version is copied, whole, into `conversation_versions`.
struct AddConversationVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("conversations")
            .field("version", .int, .required, .sql(.default(1)))
            .update()
        try await database.schema("conversations")
            .field("changed_by", .uuid, .references("accounts", "id"))
            .update()
        try await database.schema("conversations")
            .field("changed_at", .datetime)
            .update()
        try await database.schema("conversation_versions")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("conversation_id", .uuid, .required, .references("conversations", "id"))
            .field("version", .int, .required)
            .field("occurred_at", .datetime, .required)
            .field("minutes", .int, .required)
            .field("mode", .string, .required)
            .field("place", .string, .required)
            .field("reached_out", .string, .required)
            .field("shared_note", .string, .required)
            .field("private_reflection", .string, .required)
            .field("for_supervision", .bool, .required)
            .field("connection", .string, .required)
            .field("worldview", .string, .required)
            .field("mutuality", .string, .required)
            .field("moving_towards", .string, .required)
            .field("lived_experience", .string, .required)
            .field("written_by", .uuid, .required, .references("accounts", "id"))
            .field("written_at", .datetime, .required)
            // Two people saving over the same version: only the first one's copy goes in.
            .unique(on: "conversation_id", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("conversation_versions").delete()
        for field in ["changed_at", "changed_by", "version"] {
            try await database.schema("conversations").deleteField(.string(field)).update()
        }
    }
}
