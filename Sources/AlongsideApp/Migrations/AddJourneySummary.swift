import Fluent
import SQLKit

/// Each relationship's current stage, since when, and steps back, on its row (`JourneySummary`),
/// filled from the log of moves.
struct AddJourneySummary: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column at a time: SQLite adds one per ALTER TABLE.
        try await database.schema("relationships").field("current_stage", .string).update()
        try await database.schema("relationships").field("stage_since", .datetime).update()
        try await database.schema("relationships").field("step_backs", .int, .required, .sql(.default(0))).update()
        try await JourneySummary.recompute(on: database)
        try await (database as! any SQLDatabase).create(index: "relationships_by_worker_stage").on("relationships")
            .column("organisation_id").column("worker_id").column("current_stage").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "relationships_by_worker_stage").run()
        for field in ["current_stage", "stage_since", "step_backs"] {
            try await database.schema("relationships").deleteField(.string(field)).update()
        }
    }
}
