import Fluent
import Foundation
import SQLKit

/// Encryption at rest: the table of data keys, every free-text value written before it sealed
/// under the current key, and each peer's name in the search index hashed instead of folded.
struct SealFreeText: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("data_keys")
            .field("id", .string, .identifier(auto: false))
            .field("wrapped", .string, .required)
            .field("created_at", .datetime, .required)
            .field("retired_at", .datetime)
            .create()
        guard let current = FieldCipher.shared.currentID else { return }
        try await Resealing.run(to: current, on: database)
        let sql = database as! any SQLDatabase
        for row in try await sql.raw("SELECT id, preferred_name FROM peers").all() {
            try await sql.update("peers")
                .set("search_key", to: SQLBind(SearchIndex.column(forName: try row.decodeSealed(column: "preferred_name"))))
                .where("id", .equal, SQLBind(try row.decode(column: "id", as: UUID.self))).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("data_keys").delete()
    }
}
