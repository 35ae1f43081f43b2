import Fluent
import SQLKit

/// Each earlier wording of a peer's profile, kept when they correct it themselves.
struct CreateProfileVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("profile_versions")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("peer_id", .uuid, .required, .references("peers", "id"))
            .field("content", .string, .required)
            .field("changed_by", .uuid, .required, .references("accounts", "id"))
            .field("changed_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "profile_versions_by_peer").on("profile_versions").column("peer_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("profile_versions").delete()
    }
}
