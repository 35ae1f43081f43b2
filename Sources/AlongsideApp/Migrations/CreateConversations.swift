import Fluent
import SQLKit

struct CreateConversations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("conversations")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("relationship_id", .uuid, .required, .references("relationships", "id"))
            .field("occurred_at", .datetime, .required)
            .field("minutes", .int, .required)
            .field("mode", .string, .required)
            .field("place", .string, .required)
            .field("reached_out", .string, .required)
            // Free text, kept together so it is easy to find (and later to encrypt).
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
            .create()
        try await (database as! any SQLDatabase).create(index: "conversations_by_relationship").on("conversations")
            .column("relationship_id").column("occurred_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("conversations").delete()
    }
}
