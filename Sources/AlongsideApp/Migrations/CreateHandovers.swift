import Fluent

/// Every time a relationship passed to another peer worker, and why.
struct CreateHandovers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("handovers")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("relationship_id", .uuid, .required, .references("relationships", "id"))
            .field("from_worker", .uuid, .required, .references("accounts", "id"))
            .field("to_worker", .uuid, .required, .references("accounts", "id"))
            .field("at", .datetime, .required)
            .field("by", .uuid, .required, .references("accounts", "id"))
            .field("reason", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("handovers").delete()
    }
}
