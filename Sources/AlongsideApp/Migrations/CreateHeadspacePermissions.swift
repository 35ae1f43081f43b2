import Fluent

/// The moment a peer gave permission to enter their headspace: one per relationship, its own event.
struct CreateHeadspacePermissions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("headspace_permissions")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("relationship_id", .uuid, .required, .references("relationships", "id"))
            .field("given_at", .datetime, .required)
            .field("in_their_words", .string, .required)
            .field("recorded_by", .uuid, .required, .references("accounts", "id"))
            .field("recorded_at", .datetime, .required)
            .unique(on: "relationship_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("headspace_permissions").delete()
    }
}
