import Fluent

struct CreateAccountRoles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("account_roles")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("role", .string, .required)
            .unique(on: "account_id", "role")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("account_roles").delete()
    }
}
