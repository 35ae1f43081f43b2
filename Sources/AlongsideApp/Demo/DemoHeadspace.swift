import AlongsideDomain
import Fluent
import Foundation
import SQLKit

/// In the demo, every relationship that reached a working partnership had its headspace moment a
/// few days before: that is usually what makes the partnership possible.
enum DemoHeadspace {
    static let words = ["You can ask me how I'm really doing.", "", "I think I can talk about the hard stuff with you now.", ""]

    static func seed(organisationID: UUID, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw(
            """
            SELECT t.relationship_id, MIN(t.at) AS first_at, r.worker_id FROM stage_transitions t
            JOIN relationships r ON r.id = t.relationship_id AND r.organisation_id = t.organisation_id
            WHERE t.organisation_id = \(bind: organisationID) AND t.to_stage = 'working_partnership'
              AND NOT EXISTS (SELECT 1 FROM headspace_permissions h WHERE h.relationship_id = t.relationship_id)
            GROUP BY t.relationship_id, r.worker_id
            """
        ).all()
        var index = 0
        for chunk in stride(from: 0, to: rows.count, by: 500) {
            var insert = sql.insert(into: "headspace_permissions")
                .columns("id", "organisation_id", "relationship_id", "given_at", "in_their_words", "recorded_by", "recorded_at")
            for row in rows[chunk..<min(chunk + 500, rows.count)] {
                let at = try row.decode(column: "first_at", as: Date.self).addingTimeInterval(-3 * 86_400)
                let worker = try row.decodeID(column: "worker_id")
                insert = insert.values(
                    SQLBind(UUID()), SQLBind(organisationID), SQLBind(try row.decodeID(column: "relationship_id")),
                    SQLBind(at),
                    SQLBind.sealed(words[index % words.count]), SQLBind(worker), SQLBind(at.addingTimeInterval(3_600)))
                index += 1
            }
            try await insert.run()
        }
    }
}
