import AlongsideDomain
import Fluent
import SQLKit

/// The audit trail and its head: one row holding the last sequence number and hash, which every
/// writer updates inside its transaction, so concurrent writers queue instead of forking the chain.
struct CreateAuditTrail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .id()
            .field("sequence", .int64, .required)
            .field("occurred_at", .datetime, .required)
            .field("occurred_at_ms", .int64, .required)
            .field("organisation_id", .uuid)
            .field("actor_id", .uuid)
            .field("action", .string, .required)
            .field("target_kind", .string, .required)
            .field("target_id", .string)
            .field("outcome", .string, .required)
            .field("detail", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "sequence")
            .create()
        try await database.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .field("sequence", .int64, .required)
            .field("last_hash", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "audit_entries_by_organisation").on("audit_entries")
            .column("organisation_id").column("sequence").run()
        // "Your previous sign-in" on the home page reads a person's own recent entries.
        try await sql.create(index: "audit_entries_by_actor").on("audit_entries")
            .column("actor_id").column("action").column("sequence").run()
        try await sql.insert(into: "audit_head").columns("id", "sequence", "last_hash")
            .values(SQLBind(1), SQLBind(Int64(0)), SQLBind(AuditRecord.genesisHash)).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_head").delete()
        try await database.schema("audit_entries").delete()
    }
}
