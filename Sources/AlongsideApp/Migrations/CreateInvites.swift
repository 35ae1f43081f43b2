import Fluent

struct CreateInvites: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("invites")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("email", .string, .required)
            .field("display_name", .string, .required)
            .field("roles", .string, .required)
            .field("token_hash", .string, .required)
            .field("invited_by", .uuid, .required, .references("accounts", "id"))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("withdrawn_at", .datetime)
            .field("account_id", .uuid, .references("accounts", "id"))
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("invites").delete()
    }
}
