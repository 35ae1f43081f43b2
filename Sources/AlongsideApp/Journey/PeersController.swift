import AlongsideDomain
import Fluent
import Vapor

/// Welcoming a new peer: their profile in their words, and who will walk alongside them.
enum PeersController {
    struct Form: Content {
        var preferredName: String?
        var pronouns: String?
        var howToReach: String?
        var whenToReach: String?
        var languages: String?
        var accessNeeds: String?
        var aboutMe: String?
        var worker: String?
        /// The profile as the form showed it (a digest), so a correction made meanwhile elsewhere isn't overwritten.
        var seen: String?

        var profile: PeerProfile {
            PeerProfile(
                preferredName: preferredName ?? "", pronouns: pronouns ?? "", howToReach: howToReach ?? "",
                whenToReach: whenToReach ?? "", languages: languages ?? "", accessNeeds: accessNeeds ?? "", aboutMe: aboutMe ?? "")
        }
    }

    static func new(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let workers = try await CaseloadQueries.peerWorkers(in: actor.organisationID, on: request.db)
        let form = Form(worker: actor.holds(.peerWorker) ? actor.accountID.uuidString.lowercased() : nil)
        return PeerViews.new(request.viewer, form: form, workers: workers, errors: FieldErrors())
    }

    static func create(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let form = (try? request.content.decode(Form.self)) ?? Form()
        let workers = try await CaseloadQueries.peerWorkers(in: actor.organisationID, on: request.db)
        var errors = form.profile.problems()
        let workerID = form.worker.flatMap(UUID.init(uuidString:))
        if workerID == nil || !workers.contains(where: { $0.id == workerID }) {
            errors.add("worker", "Choose the peer worker who will walk alongside them.")
        }
        guard errors.isEmpty, let workerID else {
            return PeerViews.new(request.viewer, form: form, workers: workers, errors: errors, status: .unprocessableEntity)
        }
        let clock = request.application.clock
        let relationship = try await request.db.transaction { db in
            let peer = Peer(
                organisationID: actor.organisationID, profile: form.profile.trimmed, createdBy: actor.accountID, createdAt: clock.now())
            try await peer.create(on: db)
            try await request.audit(on: db).record(
                request, action: Action.createPeer.rawValue, target: "peer", targetID: peer.id?.uuidString, outcome: .success)
            return try await JourneyStore.start(
                peer: peer, workerID: workerID, initiatedBy: .worker, by: actor, on: db, clock: clock,
                auditKey: request.application.auditKey)
        }
        return request.redirect(to: AppURL.relationship(try relationship.requireID()).path + "?added=1", redirectType: .normal)
    }
}
