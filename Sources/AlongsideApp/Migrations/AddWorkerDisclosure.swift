import Fluent

/// A peer worker's own story and who sees it, and who sees that they are a peer worker; and how
/// long the service must keep a peer's records once they ask to be erased.
struct AddWorkerDisclosure: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("accounts").field("story", .string).update()
        try await database.schema("accounts").field("story_to", .string).update()
        try await database.schema("accounts").field("status_to", .string).update()
        try await database.schema("organisations").field("retention_years", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organisations").deleteField("retention_years").update()
        for field in ["status_to", "story_to", "story"] {
            try await database.schema("accounts").deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
