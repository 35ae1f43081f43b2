import Fluent
import SQLKit

/// A group conversation is noted once and kept as one copy per peer who was there, joined by a
/// group id, so each peer reads only their own copy.
struct AddGroupConversations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("conversations").field("group_id", .uuid).update()
        try await (database as! any SQLDatabase).create(index: "conversations_by_group").on("conversations").column("group_id").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "conversations_by_group").run()
        try await database.schema("conversations").deleteField("group_id").update()
    }
}
