import AlongsideDomain
import Fluent
import Vapor

/// Planning the next conversation together, and cancelling a plan.
enum PlanningController {
    struct Form: Content {
        var plannedFor: String?
        var plannedMinutes: String?
        var plannedMode: String?
        var plannedPlace: String?
    }

    static func plan(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (relationship, peer) = try await RecordDoor.relationship(request, for: .planConversation).pair
        let form = (try? request.content.decode(Form.self)) ?? Form()
        switch PlannedConversationDraft.parse(
            when: form.plannedFor, minutes: form.plannedMinutes, mode: form.plannedMode, place: form.plannedPlace, now: request.now)
        {
        case .failure(let errors):
            return try await RelationshipController.page(
                request, relationship, peer, planForm: form, errors: errors, status: .unprocessableEntity)
        case .success(let draft):
            let plan = try PlannedConversation(relationship: relationship, draft: draft, by: actor.accountID, at: request.now)
            try await request.db.transaction { db in
                try await plan.create(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.planConversation.rawValue, target: "plannedConversation", targetID: plan.id?.uuidString,
                    outcome: .success)
            }
            return request.redirect(to: AppURL.relationship(try relationship.requireID()).path + "?planned=1", redirectType: .normal)
        }
    }

    static func cancel(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let raw = request.parameters.get("planID") ?? ""
        guard let id = UUID(uuidString: raw),
            let plan = try await PlannedConversation.query(on: request.db).filter(\.$id == id)
                .filter(\.$organisationID == actor.organisationID).first()
        else {
            try await request.audit.record(
                request, action: Action.planConversation.rawValue, target: "plannedConversation", targetID: String(raw.prefix(64)),
                outcome: .denied, detail: "no such plan in this organisation")
            throw PageError.notFound
        }
        let relationship = try await RecordDoor.relationship(
            request, raw: raw, id: plan.relationshipID, for: .planConversation, category: .journey, target: "plannedConversation"
        ).relationship
        if plan.cancelledAt == nil {
            plan.cancelledAt = request.now
            plan.cancelledBy = actor.accountID
            try await request.db.transaction { db in
                try await plan.save(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.planConversation.rawValue, target: "plannedConversation", targetID: id.uuidString,
                    outcome: .success, detail: "cancelled")
            }
        }
        return request.redirect(to: AppURL.relationship(try relationship.requireID()).path + "?cancelled=1", redirectType: .normal)
    }
}
