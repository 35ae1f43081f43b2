import Fluent
import SQLKit

/// Indexes for lookups that scanned whole tables once the demo reached 50,000 peers and two
/// million conversations: a peer's relationships, the relationship that came before or after,
/// handovers, a peer's own login, and what each worker has brought to supervision.
struct AddLookupIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "relationships_by_peer").on("relationships").column("peer_id").run()
        try await sql.create(index: "relationships_by_earlier").on("relationships").column("earlier_relationship_id").run()
        try await sql.create(index: "handovers_by_relationship").on("handovers").column("relationship_id").run()
        try await sql.create(index: "peers_by_account").on("peers").column("account_id").run()
        // Only the few notes brought to supervision are indexed, not every conversation.
        let brought = sql.dialect.name == "postgresql" ? "for_supervision" : "for_supervision = 1"
        try await sql.raw(
            "CREATE INDEX conversations_brought_to_supervision ON conversations (written_by, occurred_at) WHERE \(unsafeRaw: brought)"
        ).run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in [
            "conversations_brought_to_supervision", "peers_by_account", "handovers_by_relationship", "relationships_by_earlier",
            "relationships_by_peer",
        ] {
            try await sql.drop(index: index).run()
        }
    }
}
