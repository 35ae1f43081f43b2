import Fluent

/// How a relationship ended, beside the move to "ended" in its journey.
struct CreateEndings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("relationship_endings")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("relationship_id", .uuid, .required, .references("relationships", "id"))
            .field("kind", .string, .required)
            .field("ending_conversation", .bool, .required)
            .field("next_steps", .string, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "relationship_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("relationship_endings").delete()
    }
}
