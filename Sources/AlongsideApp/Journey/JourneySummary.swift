import AlongsideDomain
import Fluent
import Foundation
import SQLKit

/// Where each relationship stands, kept on its own row: the current stage, since when, and how
/// many steps back it has taken. The log of moves (`stage_transitions`) stays the record; these
/// columns are written with every move so a caseload reads one row per relationship instead of
/// searching each one's log. `expectJourneySummariesMatchTheLog` checks them after every test.
enum JourneySummary {
    /// The summary as the log says it, for one relationship (`r`) in SQL.
    static let fromLog = """
        (SELECT t.to_stage FROM stage_transitions t WHERE t.relationship_id = r.id ORDER BY t.position DESC LIMIT 1) AS log_stage,
        (SELECT t.at FROM stage_transitions t WHERE t.relationship_id = r.id ORDER BY t.position DESC LIMIT 1) AS log_since,
        (SELECT COUNT(*) FROM stage_transitions b
          WHERE b.relationship_id = r.id AND b.from_stage IS NOT NULL AND b.to_stage <> 'ended'
            AND \(CaseloadQueries.order("b.to_stage")) < \(CaseloadQueries.order("b.from_stage"))) AS log_step_backs
        """

    /// Writes the summary from the log: for relationships written in bulk (the demo, a migration)
    /// or whose log was cut (erasure). `ids` limits it to those relationships.
    static func recompute(in organisationID: UUID? = nil, ids: [UUID]? = nil, on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        var query: SQLQueryString = """
            UPDATE relationships SET
              current_stage = (SELECT t.to_stage FROM stage_transitions t WHERE t.relationship_id = relationships.id ORDER BY t.position DESC LIMIT 1),
              stage_since = (SELECT t.at FROM stage_transitions t WHERE t.relationship_id = relationships.id ORDER BY t.position DESC LIMIT 1),
              step_backs = (SELECT COUNT(*) FROM stage_transitions b
                WHERE b.relationship_id = relationships.id AND b.from_stage IS NOT NULL AND b.to_stage <> 'ended'
                  AND \(unsafeRaw: CaseloadQueries.order("b.to_stage")) < \(unsafeRaw: CaseloadQueries.order("b.from_stage")))
            WHERE 1 = 1
            """
        if let organisationID { query = query + " AND organisation_id = \(bind: organisationID)" }
        if let ids {
            guard !ids.isEmpty else { return }
            query = query + " AND id IN (\(binds: ids))"
        }
        try await sql.raw(query).run()
    }

    /// Records a move on the relationship's row, in the move's transaction.
    static func moved(_ relationshipID: UUID, to stage: Stage, from current: Stage?, at: Date, on database: any Database) async throws {
        let stepBack = Journey.isStepBack(from: current, to: stage)
        try await (database as! any SQLDatabase).raw(
            """
            UPDATE relationships SET current_stage = \(bind: stage.rawValue), stage_since = \(bind: at),
              step_backs = step_backs + \(bind: stepBack ? 1 : 0)
            WHERE id = \(bind: relationshipID)
            """
        ).run()
    }

    /// Relationships whose summary differs from their log: empty, always.
    static func drifted(on database: any Database) async throws -> [UUID] {
        let rows = try await (database as! any SQLDatabase).raw(
            "SELECT r.id, r.current_stage, r.stage_since, r.step_backs, \(unsafeRaw: fromLog) FROM relationships r"
        ).all()
        return try rows.compactMap { row in
            let same =
                try row.decode(column: "current_stage", as: String?.self) == row.decode(column: "log_stage", as: String?.self)
                && row.decode(column: "stage_since", as: Date?.self) == row.decode(column: "log_since", as: Date?.self)
                && row.decode(column: "step_backs", as: Int.self) == row.decode(column: "log_step_backs", as: Int.self)
            return same ? nil : try row.decodeID(column: "id")
        }
    }
}
