import Fluent
import SQLKit

/// A peer's invite carries a code their worker reads to them in person, and counts wrong tries.
struct AddPeerLinkCode: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("invites").field("code_hash", .string).update()
        try await database.schema("invites").field("code_failures", .int, .required, .sql(.default(0))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("invites").deleteField("code_failures").update()
        try await database.schema("invites").deleteField("code_hash").update()
    }
}
