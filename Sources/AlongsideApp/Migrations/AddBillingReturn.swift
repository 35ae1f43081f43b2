import Fluent

/// A supervisor may send a billing record back to its worker, saying why, instead of signing it off.
struct AddBillingReturn: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column at a time: SQLite adds only one per statement.
        try await database.schema("billing_records").field("returned_by", .uuid, .references("accounts", "id")).update()
        try await database.schema("billing_records").field("returned_at", .datetime).update()
        try await database.schema("billing_records").field("return_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["return_reason", "returned_at", "returned_by"] {
            try await database.schema("billing_records").deleteField(.string(field)).update()
        }
    }
}
