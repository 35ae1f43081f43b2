import AlongsideDomain
import Fluent
import Vapor

/// A relationship's page: who, where the journey stands, how it got here, and moving it on or back.
enum RelationshipController {
    struct MoveForm: Content {
        var to: String?
        var initiatedBy: String?
        var reason: String?
        var position: Int?
        var endingKind: String?
        var endingConversation: String?
        var nextSteps: [String]?
    }

    static func show(_ request: Request) async throws -> Response {
        let (relationship, peer) = try await RelationshipAccess.load(request, for: .viewRelationship)
        let records = try await JourneyStore.transitions(of: relationship, on: request.db)
        try await request.audit.record(
            request, action: Action.viewRelationship.rawValue, target: "relationship", targetID: relationship.id?.uuidString,
            outcome: .success)
        let moved = (try? request.query.get(String.self, at: "moved")) == "1"
        let conversations = try await ConversationQueries.list(relationship, on: request.db)
        return RelationshipViews.show(
            request, relationship: relationship, peer: peer, records: records, conversations: conversations,
            ending: try await JourneyStore.ending(of: relationship, on: request.db), form: MoveForm(), errors: FieldErrors(),
            notice: moved ? "The stage has been updated." : nil)
    }

    static func move(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (relationship, peer) = try await RelationshipAccess.load(request, for: .moveStage)
        let records = try await JourneyStore.transitions(of: relationship, on: request.db)
        let current = Journey(records.compactMap(\.transition)).currentStage
        let form = (try? request.content.decode(MoveForm.self)) ?? MoveForm()
        let conversations = try await ConversationQueries.list(relationship, on: request.db)
        var errors = FieldErrors()
        var parsed: StageMove?
        switch StageMove.parse(to: form.to, initiatedBy: form.initiatedBy, reason: form.reason, from: current) {
        case .failure(let problems): errors.merge(problems)
        case .success(let (move, _)): parsed = move
        }
        var ending: Ending?
        if form.to == Stage.ended.rawValue {
            switch Ending.parse(kind: form.endingKind, endingConversation: form.endingConversation == "on", nextSteps: form.nextSteps ?? [])
            {
            case .failure(let problems): errors.merge(problems)
            case .success(let parsedEnding): ending = parsedEnding
            }
        }
        guard errors.isEmpty, let move = parsed else {
            return RelationshipViews.show(
                request, relationship: relationship, peer: peer, records: records, conversations: conversations, ending: nil, form: form,
                errors: errors, notice: nil, status: .unprocessableEntity)
        }
        do {
            try await JourneyStore.move(
                relationship, move, ending: ending, from: current, expectedPosition: form.position ?? -1, by: actor, on: request.db,
                clock: request.application.clock)
        } catch is JourneyStore.StaleMove {
            errors.add(
                "to", "The stage was changed while you were on this page. Here is the journey as it is now: check it, then choose again.")
            let latest = try await JourneyStore.transitions(of: relationship, on: request.db)
            return RelationshipViews.show(
                request, relationship: relationship, peer: peer, records: latest, conversations: conversations,
                ending: try await JourneyStore.ending(of: relationship, on: request.db), form: form, errors: errors, notice: nil,
                status: .conflict)
        }
        return request.redirect(to: AppURL.relationship(try relationship.requireID()).path + "?moved=1", redirectType: .normal)
    }
}
