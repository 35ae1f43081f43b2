import Fluent
import SQLKit

/// Each organisation's time zone (an IANA name), each person's own zone if it differs, and the
/// role whose work a person with several roles last chose to land on.
struct AddLocalTimeAndLanding: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organisations").field("time_zone", .string, .required, .sql(.default("UTC"))).update()
        try await database.schema("accounts").field("time_zone", .string).update()
        try await database.schema("accounts").field("landing_role", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("accounts").deleteField("landing_role").update()
        try await database.schema("accounts").deleteField("time_zone").update()
        try await database.schema("organisations").deleteField("time_zone").update()
    }
}
