import Fluent

struct CreateOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organisations")
            .id()
            .field("name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("organisations").delete()
    }
}
