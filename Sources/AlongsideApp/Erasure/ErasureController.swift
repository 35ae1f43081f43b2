import AlongsideDomain
import Fluent
import Vapor

/// A coordinator processes a peer's request to be erased: what will happen is shown first, and
/// nothing happens while a relationship is still open.
enum ErasureController {
    struct Form: Content {
        var confirm: String?
        var asked: String?
    }

    struct Plan {
        let outcome: ErasureRules.Outcome
        let refusal: String?
        let retentionYears: Int
    }

    static func plan(_ request: Request, _ opened: RecordDoor.Opened) async throws -> Plan {
        let peer = opened.peer
        let relationships = try await Relationship.query(on: request.db).filter(\.$peerID == peer.requireID())
            .filter(\.$organisationID == peer.organisationID).all()
        var open: Relationship?
        var lastEnded: Date?
        for relationship in relationships {
            if let ending = try await EndingRecord.query(on: request.db).filter(\.$relationshipID == relationship.requireID()).first() {
                lastEnded = max(lastEnded ?? ending.recordedAt, ending.recordedAt)
            } else {
                open = relationship
            }
        }
        let names = try await AccountQueries.names(of: open.map { [$0.workerID] } ?? [], in: peer.organisationID, on: request.db)
        let organisation = try await Organisation.find(peer.organisationID, on: request.db)
        let years = organisation?.retentionYears ?? 0
        return Plan(
            outcome: ErasureRules.outcome(retentionYears: years, lastEnded: lastEnded, now: request.now),
            refusal: ErasureRules.refusal(openRelationshipWith: open.map { names[$0.workerID] ?? "a peer worker" }), retentionYears: years)
    }

    static func show(_ request: Request) async throws -> Response {
        let opened = try await RecordDoor.peer(request, for: .processErasure, categories: [.profile])
        return ErasureViews.page(request.viewer, peer: opened.peer, plan: try await plan(request, opened), errors: FieldErrors())
    }

    static func erase(_ request: Request) async throws -> Response {
        let opened = try await RecordDoor.peer(request, for: .processErasure, categories: [.profile])
        let plan = try await plan(request, opened)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        if let refusal = plan.refusal {
            return ErasureViews.page(
                request.viewer, peer: opened.peer, plan: plan, errors: FieldErrors(field: "confirm", refusal), status: .conflict)
        }
        var problems = ErasureRules.confirm(form.confirm, name: opened.peer.preferredName) ?? FieldErrors()
        let asked = ErasureRules.Asked(rawValue: form.asked ?? "")
        if asked == nil { problems.add("asked", "Say how the peer asked: an erasure is only done at their request.") }
        guard problems.isEmpty, let asked else {
            return ErasureViews.page(
                request.viewer, peer: opened.peer, plan: plan, errors: problems, form: form, status: .unprocessableEntity)
        }
        let peerID = try opened.peer.requireID()
        try await request.db.transaction { db in
            let rows = try await ErasureStore.run(plan.outcome, peer: opened.peer, now: request.now, on: db)
            // The act is recorded, never what was erased.
            try await request.audit(on: db).record(
                request, action: Action.processErasure.rawValue, target: "peer", targetID: peerID.uuidString, outcome: .success,
                detail:
                    "\(plan.outcome.rawValue) at the peer's request (\(asked.rawValue)), \(rows) rows, retention \(plan.retentionYears) years"
            )
        }
        return request.redirect(
            to: AppURL.serviceRelationships(stage: nil).path + "?erased=\(plan.outcome.rawValue)", redirectType: .normal)
    }
}
