import Fluent
import SQLKit

/// Relationships and their journey. The journey is only the append-only log of stage
/// transitions: the current stage, time in stage and step-backs are derived from it.
struct CreateRelationships: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("relationships")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("peer_id", .uuid, .required, .references("peers", "id"))
            .field("worker_id", .uuid, .required, .references("accounts", "id"))
            .field("started_at", .datetime, .required)
            .field("earlier_relationship_id", .uuid, .references("relationships", "id"))
            .create()
        try await database.schema("stage_transitions")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("relationship_id", .uuid, .required, .references("relationships", "id"))
            // Position in the journey; unique, so two people saving a move at once can't both win.
            .field("position", .int, .required)
            .field("from_stage", .string)
            .field("to_stage", .string, .required)
            .field("at", .datetime, .required)
            .field("moved_by", .uuid, .required, .references("accounts", "id"))
            .field("initiated_by", .string, .required)
            .field("reason", .string, .required)
            .unique(on: "relationship_id", "position")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "relationships_by_worker").on("relationships").column("organisation_id").column("worker_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("stage_transitions").delete()
        try await database.schema("relationships").delete()
    }
}
