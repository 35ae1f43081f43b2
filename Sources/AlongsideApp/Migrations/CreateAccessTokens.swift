import Fluent
import SQLKit

struct CreateAccessTokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("access_tokens")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("name", .string, .required)
            // Only the hash of the secret is kept.
            .field("token_hash", .string, .required)
            .field("scopes", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await (database as! any SQLDatabase).create(index: "access_tokens_by_account").on("access_tokens")
            .column("organisation_id").column("account_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("access_tokens").delete()
    }
}
