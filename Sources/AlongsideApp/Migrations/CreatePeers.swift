import Fluent

struct CreatePeers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("peers")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("preferred_name", .string, .required)
            .field("pronouns", .string, .required)
            .field("how_to_reach", .string, .required)
            .field("when_to_reach", .string, .required)
            .field("languages", .string, .required)
            .field("access_needs", .string, .required)
            .field("about_me", .string, .required)
            .field("account_id", .uuid, .references("accounts", "id"))
            .field("created_by", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("peers").delete()
    }
}
