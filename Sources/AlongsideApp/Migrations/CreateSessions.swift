import Fluent

struct CreateSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sessions")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("key_hash", .string, .required)
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .unique(on: "key_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").delete()
    }
}
