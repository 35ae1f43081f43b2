import AlongsideAPI
import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// Relationships and their journeys through the API: the same door and store as the relationship page.
enum RelationshipsAPI {
    typealias Schemas = Components.Schemas

    /// A peer worker's own relationships, or every relationship in the service for a coordinator
    /// (who sees stages and dates, never notes, as on the service's relationships page).
    static func list(_ request: Request, cursor: String?, limit: Int?, updatedSince: Date?) async throws -> Schemas.RelationshipPage {
        let actor = try request.requireActor()
        let paging = try APIPaging(cursor: cursor, limit: limit)
        let sql = request.db as! any SQLDatabase
        var query = SQLQueryString(
            """
            SELECT r.id, r.peer_id, r.worker_id, r.started_at, p.preferred_name, p.pronouns, r.current_stage AS stage,
                   r.stage_since AS moved_at
            FROM relationships r
            JOIN peers p ON p.id = r.peer_id AND p.organisation_id = r.organisation_id
            WHERE r.organisation_id = \(bind: actor.organisationID)
            """)
        if !actor.holds(.coordinator) {
            query.appendLiteral(" AND r.worker_id = ")
            query.appendInterpolation(bind: actor.accountID)
        }
        if let after = paging.after {
            query.appendLiteral(" AND r.id > ")
            query.appendInterpolation(bind: after)
        }
        if let updatedSince {
            // A relationship changes when it starts and with each move, which sets `stage_since`.
            query.appendLiteral(" AND (r.started_at >= ")
            query.appendInterpolation(bind: updatedSince)
            query.appendLiteral(" OR r.stage_since >= ")
            query.appendInterpolation(bind: updatedSince)
            query.appendLiteral(")")
        }
        query.appendLiteral(" ORDER BY r.id LIMIT ")
        query.appendInterpolation(bind: paging.limit + 1)
        let rows = try await sql.raw(query).all()
        let relationships = try rows.map { row -> Schemas.Relationship in
            let startedAt = try row.decode(column: "started_at", as: Date.self)
            let stage = try row.decode(column: "stage", as: String?.self).flatMap(Stage.init(rawValue:))
            let movedAt = try row.decode(column: "moved_at", as: Date?.self)
            return Schemas.Relationship(
                id: try row.decodeID(column: "id").apiText,
                peer: .init(
                    id: try row.decodeID(column: "peer_id").apiText, preferredName: try row.decodeSealed(column: "preferred_name"),
                    pronouns: try row.decodeSealed(column: "pronouns")),
                workerId: try row.decodeID(column: "worker_id").apiText, startedAt: startedAt,
                stage: stage.flatMap { Schemas.Stage(rawValue: $0.rawValue) }, ended: stage == .ended,
                updatedAt: max(startedAt, movedAt ?? startedAt))
        }
        let page = paging.page(relationships) { UUID(uuidString: $0.id) ?? UUID() }
        return Schemas.RelationshipPage(items: page.items, nextCursor: page.next)
    }

    static func detail(_ request: Request, id: String) async throws -> Schemas.RelationshipDetail {
        let opened = try await RecordDoor.relationship(request, raw: id, for: .viewRelationship, category: .journey, target: "relationship")
        try await ReadTrail.note(request, opened, .viewRelationship, target: "relationship", targetID: opened.relationship.id)
        return try await detail(request, opened.relationship, opened.peer)
    }

    static func move(_ request: Request, id: String, _ body: Schemas.StageMoveInput) async throws -> Schemas.RelationshipDetail {
        let actor = try request.requireActor()
        let (relationship, peer) = try await RecordDoor.relationship(
            request, raw: id, for: .moveStage, category: .journey, target: "relationship"
        ).pair
        let records = try await JourneyStore.transitions(of: relationship, on: request.db)
        let current = Journey(records.compactMap(\.transition)).currentStage
        let move: StageMove
        let ending: Ending?
        switch StageMove.parse(
            to: body.to, initiatedBy: body.initiatedBy, reason: body.reason, from: current, endingKind: body.endingKind,
            endingConversation: body.endingConversation ?? false, nextSteps: body.nextSteps ?? [])
        {
        case .failure(let problems): throw APIProblem.invalid(problems)
        case .success(let parsed): (move, ending) = parsed
        }
        do {
            try await JourneyStore.move(
                relationship, move, ending: ending, from: current, expectedPosition: body.expectedPosition, by: actor, on: request.db,
                clock: request.application.clock, auditKey: request.application.auditKey)
        } catch is JourneyStore.StaleMove {
            throw APIProblem(
                status: .conflict, title: "The stage was changed since you read it",
                detail: "Nothing was saved. Read the relationship again, check its journey, then choose again.")
        }
        return try await detail(request, relationship, peer)
    }

    private static func detail(_ request: Request, _ relationship: Relationship, _ peer: Peer) async throws -> Schemas.RelationshipDetail {
        let records = try await JourneyStore.transitions(of: relationship, on: request.db)
        let stage = Journey(records.compactMap(\.transition)).currentStage
        let moves = records.map { record in
            Schemas.Move(
                position: record.position, from: record.fromStage.flatMap(Schemas.Stage.init(rawValue:)),
                to: Schemas.Stage(rawValue: record.toStage) ?? .safePlace, initiatedBy: record.initiatedBy, reason: record.reason,
                at: record.at)
        }
        return Schemas.RelationshipDetail(
            id: try relationship.requireID().apiText,
            peer: .init(id: try peer.requireID().apiText, preferredName: peer.preferredName, pronouns: peer.pronouns),
            workerId: relationship.workerID.apiText, startedAt: relationship.startedAt,
            stage: stage.flatMap { Schemas.Stage(rawValue: $0.rawValue) }, ended: stage == .ended,
            updatedAt: max(relationship.startedAt, records.map(\.at).max() ?? relationship.startedAt), journey: moves)
    }
}

extension UUID {
    /// Ids in the API are lower-case, as in the web's addresses.
    var apiText: String { uuidString.lowercased() }
}
