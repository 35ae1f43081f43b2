import Fluent
import SQLKit

/// How a service works: when a quiet relationship is flagged, and whether its notes must meet a
/// payer's required elements (the billing layer) with a supervisor's sign-off.
struct AddServiceSettings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("organisations").field("quiet_days", .int, .required, .sql(.default(21))).update()
        try await database.schema("organisations").field("documentation_standard", .string).update()
        try await database.schema("organisations").field("supervisor_sign_off", .bool, .required, .sql(.default(false))).update()
        try await database.schema("billing_records")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("conversation_id", .uuid, .required, .references("conversations", "id"))
            // The payer's elements as a JSON object, so a standard can change without a migration.
            .field("entries", .string, .required)
            .field("credential", .string, .required)
            .field("signed_by", .uuid, .references("accounts", "id"))
            .field("signed_at", .datetime)
            .field("signed_off_by", .uuid, .references("accounts", "id"))
            .field("signed_off_at", .datetime)
            .field("updated_by", .uuid, .required, .references("accounts", "id"))
            .field("updated_at", .datetime, .required)
            .unique(on: "conversation_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("billing_records").delete()
        for field in ["supervisor_sign_off", "documentation_standard", "quiet_days"] {
            try await database.schema("organisations").deleteField(.string(field)).update()
        }
    }
}
