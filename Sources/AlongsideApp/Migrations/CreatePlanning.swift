import Fluent
import SQLKit

/// Planned conversations, and the private calendar feeds that show a worker their own plans.
struct CreatePlanning: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("planned_conversations")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("relationship_id", .uuid, .required, .references("relationships", "id"))
            .field("starts_at", .datetime, .required)
            .field("minutes", .int, .required)
            .field("mode", .string, .required)
            .field("place", .string, .required)
            .field("planned_by", .uuid, .required, .references("accounts", "id"))
            .field("planned_at", .datetime, .required)
            .field("cancelled_at", .datetime)
            .field("cancelled_by", .uuid, .references("accounts", "id"))
            .create()
        try await (database as! any SQLDatabase).create(index: "planned_by_relationship").on("planned_conversations")
            .column("relationship_id").column("starts_at").run()
        try await database.schema("calendar_feeds")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            // Only the hash of the secret in the feed's address is kept.
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("calendar_feeds").delete()
        try await database.schema("planned_conversations").delete()
    }
}
