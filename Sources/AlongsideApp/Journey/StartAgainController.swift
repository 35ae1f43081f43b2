import AlongsideDomain
import Fluent
import Vapor

/// A peer who comes back: a new relationship, linked to the one that ended, so their history is
/// one story rather than two strangers' files.
enum StartAgainController {
    struct Form: Content {
        var againWorker: String?
        var againInitiatedBy: String?
    }

    static func start(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (earlier, peer) = try await RecordDoor.relationship(request, for: .startAgain).pair
        let form = (try? request.content.decode(Form.self)) ?? Form()
        let workers = try await CaseloadQueries.peerWorkers(in: actor.organisationID, on: request.db)
        var errors = FieldErrors()
        let current = Journey(try await JourneyStore.transitions(of: earlier, on: request.db).compactMap(\.transition)).currentStage
        if current != .ended {
            errors.add("againWorker", "This relationship is still going. A new one can start once it has ended.")
        } else if try await JourneyStore.neighbours(of: earlier, on: request.db).later != nil {
            errors.add("againWorker", "A new relationship has already started after this one.")
        }
        let workerID = form.againWorker.flatMap(UUID.init(uuidString:))
        if workerID == nil || !workers.contains(where: { $0.id == workerID }) {
            errors.add("againWorker", "Choose the peer worker who will walk alongside \(peer.preferredName) this time.")
        } else if workerID == actor.accountID {
            // Starting again opens the peer's plans to its worker: like a handover, never to yourself.
            errors.add(
                "againWorker",
                "You can't start a relationship with yourself as the peer worker. If \(peer.preferredName) would like you again, ask a coordinator to start it."
            )
        }
        let initiator = form.againInitiatedBy.flatMap(Initiator.init(rawValue:))
        if initiator == nil { errors.add("againInitiatedBy", "Say who reached out to start again.") }
        guard errors.isEmpty, let workerID, let initiator else {
            return try await RelationshipController.page(
                request, earlier, peer, againForm: form, errors: errors, status: .unprocessableEntity)
        }
        let clock = request.application.clock
        let relationship: Relationship
        do {
            relationship = try await request.db.transaction { db in
                try await JourneyStore.start(
                    peer: peer, workerID: workerID, initiatedBy: initiator, earlier: earlier, by: actor, on: db, clock: clock,
                    auditKey: request.application.auditKey)
            }
        } catch {
            // Someone else started it again a moment ago: the one-later index refused this one.
            guard try await JourneyStore.neighbours(of: earlier, on: request.db).later != nil else { throw error }
            errors.add("againWorker", "A new relationship has already started after this one.")
            return try await RelationshipController.page(
                request, earlier, peer, againForm: form, errors: errors, status: .conflict)
        }
        if AccessPolicy.decide(request.principal, .viewRelationship, relationship.resource()).isAllowed {
            return request.redirect(to: AppURL.relationship(try relationship.requireID()).path, redirectType: .normal)
        }
        return request.redirect(to: AppURL.relationship(try earlier.requireID()).path, redirectType: .normal)
    }
}
