import Fluent
import SQLKit

/// Forms sent after a session ended, kept until their writer signs in again (`HeldForm`).
struct CreateHeldForms: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("held_forms")
            .id()
            .field("token_hash", .string, .required)
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("path", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await (database as! any SQLDatabase).create(index: "held_forms_by_expiry").on("held_forms").column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("held_forms").delete()
    }
}
