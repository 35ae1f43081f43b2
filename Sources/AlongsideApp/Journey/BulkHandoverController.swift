import AlongsideDomain
import Fluent
import Vapor

/// When a peer worker leaves, a coordinator hands all their relationships on at once, choosing
/// the colleague for each. All of them move, or none do.
enum BulkHandoverController {
    static func show(_ request: Request) async throws -> Response {
        let (worker, rows, colleagues) = try await load(request)
        return BulkHandoverView.render(
            request.viewer, worker: worker, rows: rows, colleagues: colleagues, choices: [:], reason: "", errors: FieldErrors())
    }

    static func submit(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (worker, rows, colleagues) = try await load(request)
        let fields = (try? request.content.decode([String: String].self)) ?? [:]
        let choices = Dictionary(uniqueKeysWithValues: rows.map { ($0.relationshipID, fields[BulkHandover.field($0.relationshipID)]) })
        let workerID = try worker.requireID()
        switch BulkHandover.parse(
            choices: choices, reason: fields["handoverReason"], from: workerID, workers: colleagues.map(\.id), handingOver: actor.accountID)
        {
        case .failure(let errors):
            return BulkHandoverView.render(
                request.viewer, worker: worker, rows: rows, colleagues: colleagues, choices: choices.compactMapValues { $0 },
                reason: fields["handoverReason"] ?? "", errors: errors, status: .unprocessableEntity)
        case .success(let handovers):
            let clock = request.application.clock
            try await request.db.transaction { db in
                for (relationshipID, handover) in handovers {
                    guard
                        let relationship = try await Relationship.query(on: db).filter(\.$id == relationshipID)
                            .filter(\.$organisationID == actor.organisationID).filter(\.$workerID == workerID).first()
                    else {
                        throw PageError.gone(
                            "One of these relationships changed while you were choosing. Nothing was handed over; try again.")
                    }
                    try await JourneyStore.handOver(
                        relationship, handover, by: actor, on: db, clock: clock, auditKey: request.application.auditKey)
                }
            }
            return request.redirect(
                to: AppURL.serviceRelationships(stage: nil).path + "?handedOver=\(handovers.count)", redirectType: .normal)
        }
    }

    /// The leaving worker (in this organisation), their relationships still going, and the
    /// colleagues who can take them.
    private static func load(_ request: Request) async throws -> (Account, [CaseloadQueries.Row], [(id: UUID, name: String)]) {
        let actor = try request.requireActor()
        let raw = request.parameters.get("accountID") ?? ""
        guard let id = UUID(uuidString: raw), let worker = try await AccountQueries.find(id, in: actor.organisationID, on: request.db)
        else {
            try await request.audit.record(
                request, action: Action.handOverAll.rawValue, target: "account", targetID: String(raw.prefix(64)), outcome: .denied,
                detail: "no such account in this organisation")
            throw PageError.notFound
        }
        let rows = try await CaseloadQueries.caseload(of: id, in: actor.organisationID, stage: nil, now: request.now, on: request.db)
            .filter { $0.stage != .ended }
        let colleagues = try await CaseloadQueries.peerWorkers(in: actor.organisationID, on: request.db).filter { $0.id != id }
        return (worker, rows, colleagues)
    }
}
