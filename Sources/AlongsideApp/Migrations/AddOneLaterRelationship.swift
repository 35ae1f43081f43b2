import Fluent
import SQLKit

/// A relationship that ended starts again at most once: two people pressing "start again" at the
/// same moment must not give the peer two open relationships.
struct AddOneLaterRelationship: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).create(index: "relationships_one_later").unique().on("relationships")
            .column("earlier_relationship_id").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "relationships_one_later").run()
    }
}
