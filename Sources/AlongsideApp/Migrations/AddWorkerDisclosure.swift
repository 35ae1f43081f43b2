import Fluent

/// A peer worker's own story and who sees it, and who sees that they are a peer worker.
struct AddWorkerDisclosure: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("accounts").field("story", .string).update()
        try await database.schema("accounts").field("story_to", .string).update()
        try await database.schema("accounts").field("status_to", .string).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["status_to", "story_to", "story"] {
            try await database.schema("accounts").deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
