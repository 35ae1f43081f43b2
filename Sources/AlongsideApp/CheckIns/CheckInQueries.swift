import AlongsideDomain
import Fluent
import SQLKit
import Vapor

extension Application {
    private struct MutualityItemsKey: StorageKey { typealias Value = MutualityItems }

    /// The reciprocal check-in items, read once at start-up from `mutuality-items.json`.
    var mutualityItems: MutualityItems {
        get { storage[MutualityItemsKey.self] ?? MutualityItems(scale: [], items: []) }
        set { storage[MutualityItemsKey.self] = newValue }
    }
}

enum CheckInQueries {
    static func answers(to conversation: Conversation, on database: any Database) async throws -> [Respondent: CheckInRecord] {
        let records = try await CheckInRecord.query(on: database).filter(\.$conversationID == conversation.requireID())
            .filter(\.$organisationID == conversation.organisationID).all()
        var byRespondent: [Respondent: CheckInRecord] = [:]
        for record in records { if let who = Respondent(rawValue: record.respondent) { byRespondent[who] = record } }
        return byRespondent
    }

    /// Both people's check-ins over the relationship, dated by the conversation they were about.
    static func trend(of relationship: Relationship, on database: any Database) async throws -> MutualityTrend {
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT c.respondent, c.scores, v.occurred_at FROM check_ins c
            JOIN conversations v ON v.id = c.conversation_id AND v.organisation_id = c.organisation_id
            WHERE c.relationship_id = \(bind: try relationship.requireID()) AND c.organisation_id = \(bind: relationship.organisationID)
            """
        ).all()
        var peer: [MutualityTrend.Point] = []
        var worker: [MutualityTrend.Point] = []
        for row in rows {
            let scores = CheckInAnswers.decodeScores(try row.decode(column: "scores", as: String.self))
            guard !scores.isEmpty else { continue }
            let point = MutualityTrend.Point(
                at: try row.decode(column: "occurred_at", as: Date.self), mean: CheckInAnswers(scores: scores, line: "").mean)
            switch Respondent(rawValue: try row.decode(column: "respondent", as: String.self)) {
            case .peer?: peer.append(point)
            case .worker?: worker.append(point)
            case nil: continue
            }
        }
        return MutualityTrend(peer: peer, worker: worker)
    }

    /// Check-ins across the relationships of these workers, for an aggregate a supervisor may see.
    static func summary(forWorkers workers: [UUID], in organisationID: UUID, on database: any Database) async throws
        -> MutualitySummary?
    {
        guard !workers.isEmpty else { return nil }
        let rows = try await (database as! any SQLDatabase).select().column(SQLColumn("relationship_id", table: "c"))
            .column(SQLColumn("respondent", table: "c")).column(SQLColumn("scores", table: "c"))
            .from(SQLAlias(SQLIdentifier("check_ins"), as: SQLIdentifier("c")))
            .join(
                SQLAlias(SQLIdentifier("relationships"), as: SQLIdentifier("r")), method: SQLJoinMethod.inner,
                on: SQLColumn("id", table: "r"), .equal, SQLColumn("relationship_id", table: "c")
            )
            .where(SQLColumn("organisation_id", table: "c"), .equal, SQLBind(organisationID))
            .where(SQLColumn("worker_id", table: "r"), .in, SQLBind.group(workers))
            .all()
        var answers: [(relationship: UUID, respondent: Respondent, mean: Double)] = []
        for row in rows {
            let scores = CheckInAnswers.decodeScores(try row.decode(column: "scores", as: String.self))
            guard !scores.isEmpty, let who = Respondent(rawValue: try row.decode(column: "respondent", as: String.self)) else { continue }
            answers.append(
                (try row.decodeID(column: "relationship_id"), who, CheckInAnswers(scores: scores, line: "").mean))
        }
        return MutualitySummary.summarise(answers)
    }
}
