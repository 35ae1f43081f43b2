import Fluent
import SQLKit

/// The queue of email waiting to be sent (any instance may send it, exactly one does), each
/// person's choice of messages, and single-use password-reset links.
struct CreateMailAndResets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("outbox")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("account_id", .uuid, .references("accounts", "id"))
            .field("kind", .string, .required)
            .field("to_address", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            // Says what a message is about, so the same reminder is never queued twice.
            .field("dedupe_key", .string)
            .field("created_at", .datetime, .required)
            .field("send_after", .datetime, .required)
            .field("attempts", .int, .required, .sql(.default(0)))
            .field("last_error", .string)
            .field("claimed_by", .string)
            .field("claimed_until", .datetime)
            .field("sent_at", .datetime)
            .field("given_up_at", .datetime)
            .unique(on: "dedupe_key")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "outbox_waiting").on("outbox").column("sent_at").column("send_after").run()
        try await database.schema("accounts").field("mail_off", .string).update()
        try await database.schema("password_resets")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema("escalations").field("reminded_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("escalations").deleteField("reminded_at").update()
        try await database.schema("password_resets").delete()
        try await database.schema("accounts").deleteField("mail_off").update()
        try await database.schema("outbox").delete()
    }
}
