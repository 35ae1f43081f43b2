import Fluent

struct CreateAccounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("accounts")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("email", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("deactivated_at", .datetime)
            // One address, one sign-in: the email is how a person is found at the sign-in form.
            .unique(on: "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("accounts").delete()
    }
}
