import Fluent
import SQLKit

/// A TOTP second factor for staff (its secret stored encrypted, its recovery codes hashed), an
/// organisation's choice to require it, sign-ins waiting for their code, and break-glass openings
/// of a record beyond consent with the review each one asks for.
struct AddSecondFactorAndBreakGlass: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // SQLite adds one column per statement.
        try await database.schema("accounts").field("totp_secret", .string).update()
        try await database.schema("accounts").field("totp_enabled_at", .datetime).update()
        // The last time step a code was accepted for: a code is never accepted twice.
        try await database.schema("accounts").field("totp_last_step", .int64).update()
        // Wrong codes in a row, across every sign-in and every form that asks for one, and the
        // time until which no code is checked at all.
        try await database.schema("accounts").field("totp_failures", .int, .required, .sql(.default(0))).update()
        try await database.schema("accounts").field("totp_blocked_until", .datetime).update()
        try await database.schema("organisations").field("require_second_factor", .bool, .required, .sql(.default(false))).update()
        try await database.schema("organisations").field("break_glass_minutes", .int, .required, .sql(.default(60))).update()
        try await database.schema("organisations").field("break_glass_review_days", .int, .required, .sql(.default(7))).update()
        try await database.schema("recovery_codes")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("code_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "code_hash")
            .create()
        try await database.schema("pending_sign_ins")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("token_hash", .string, .required)
            .field("next_path", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("attempts", .int, .required, .sql(.default(0)))
            .unique(on: "token_hash")
            .create()
        try await database.schema("break_glass")
            .id()
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("peer_id", .uuid, .required, .references("peers", "id"))
            .field("opened_by", .uuid, .required, .references("accounts", "id"))
            .field("reason_kind", .string, .required)
            .field("reason", .string, .required)
            .field("opened_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("review_due_at", .datetime, .required)
            .field("reviewed_by", .uuid, .references("accounts", "id"))
            .field("reviewed_at", .datetime)
            .field("review_outcome", .string)
            .field("review_note", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "break_glass_open").on("break_glass").column("peer_id").column("opened_by").column("expires_at").run()
        try await sql.create(index: "break_glass_review").on("break_glass").column("organisation_id").column("reviewed_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("break_glass").delete()
        try await database.schema("pending_sign_ins").delete()
        try await database.schema("recovery_codes").delete()
        for field in ["break_glass_review_days", "break_glass_minutes", "require_second_factor"] {
            try await database.schema("organisations").deleteField(FieldKey(stringLiteral: field)).update()
        }
        for field in ["totp_blocked_until", "totp_failures", "totp_last_step", "totp_enabled_at", "totp_secret"] {
            try await database.schema("accounts").deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
