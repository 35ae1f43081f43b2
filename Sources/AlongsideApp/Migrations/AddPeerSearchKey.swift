import AlongsideDomain
import Fluent
import SQLKit

/// Each peer's name folded for search (`SearchKey`), kept in step with the name by the model, and
/// filled in here for peers added before it.
struct AddPeerSearchKey: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("peers").field("search_key", .string, .required, .sql(.default(""))).update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "peers_by_search_key").on("peers").column("organisation_id").column("search_key").run()
        let rows = try await sql.raw("SELECT id, preferred_name FROM peers").all()
        for row in rows {
            let id = try row.decodeID(column: "id")
            let name = try row.decode(column: "preferred_name", as: String.self)
            try await sql.update("peers").set("search_key", to: SQLBind(SearchKey.fold(name))).where("id", .equal, SQLBind(id)).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "peers_by_search_key").run()
        try await database.schema("peers").deleteField("search_key").update()
    }
}
