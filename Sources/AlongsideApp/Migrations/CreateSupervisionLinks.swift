import Fluent
import SQLKit

/// Who supervises whom. A link is ended, never deleted, so it is known who could read what when.
struct CreateSupervisionLinks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("supervision_links")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("supervisor_id", .uuid, .required, .references("accounts", "id"))
            .field("worker_id", .uuid, .required, .references("accounts", "id"))
            .field("started_at", .datetime, .required)
            .field("started_by", .uuid, .required, .references("accounts", "id"))
            .field("ended_at", .datetime)
            .field("ended_by", .uuid, .references("accounts", "id"))
            .create()
        try await (database as! any SQLDatabase).create(index: "supervision_links_by_worker").on("supervision_links")
            .column("worker_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("supervision_links").delete()
    }
}
