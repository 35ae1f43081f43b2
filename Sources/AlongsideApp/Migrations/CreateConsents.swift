import Fluent
import SQLKit

/// A peer's consents (kept whole: a consent is revoked, never edited or deleted), every read of a
/// peer's record by someone other than the peer, which parts of it the peer wants to hear about,
/// and referrals from partner clinicians.
struct CreateConsents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("consents")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("peer_id", .uuid, .required, .references("peers", "id"))
            .field("decision", .string, .required)
            .field("audience", .string, .required)
            .field("grantee_id", .uuid, .references("accounts", "id"))
            .field("categories", .string, .required)
            .field("purpose", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime)
            .field("method", .string, .required)
            .field("recorded_by", .uuid, .required, .references("accounts", "id"))
            .field("recorded_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("revoked_by", .uuid, .references("accounts", "id"))
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "consents_by_peer").on("consents").column("peer_id").run()
        try await sql.create(index: "consents_by_grantee").on("consents").column("grantee_id").run()

        try await database.schema("record_reads")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("peer_id", .uuid, .required, .references("peers", "id"))
            .field("reader_id", .uuid, .required, .references("accounts", "id"))
            .field("reader_role", .string, .required)
            .field("category", .string, .required)
            .field("basis", .string, .required)
            .field("consent_id", .uuid)
            .field("read_at", .datetime, .required)
            .create()
        try await sql.create(index: "record_reads_by_peer").on("record_reads").column("peer_id").column("read_at").run()
        try await sql.create(index: "record_reads_by_time").on("record_reads").column("organisation_id").column("read_at").run()

        // Which categories tell the peer in their inbox each time someone else reads them.
        try await database.schema("peers").field("read_alerts", .string, .required, .sql(.default(""))).update()

        try await database.schema("referrals")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("referred_by", .uuid, .required, .references("accounts", "id"))
            .field("person_name", .string, .required)
            .field("how_to_reach", .string, .required)
            .field("reason", .string, .required)
            .field("sent_at", .datetime, .required)
            .field("status", .string, .required)
            .field("answered_by", .uuid, .references("accounts", "id"))
            .field("answered_at", .datetime)
            .field("decline_reason", .string)
            .field("relationship_id", .uuid, .references("relationships", "id"))
            .create()
        try await sql.create(index: "referrals_waiting").on("referrals").column("organisation_id").column("status").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("referrals").delete()
        try await database.schema("peers").deleteField("read_alerts").update()
        try await database.schema("record_reads").delete()
        try await database.schema("consents").delete()
    }
}
