import AlongsideDomain
import Fluent
import Vapor

/// A supervisor's view: each supervisee's caseload (where relationships stand, with peers in
/// initials) and the reflections the worker chose to bring to supervision.
enum SupervisionController {
    struct Supervisee {
        let id: UUID
        let name: String
        let caseload: [CaseloadQueries.Row]
        let brought: [SupervisionQueries.Brought]
        let awaitingSignOff: [BillingQueries.Waiting]
        let openConcerns: [ConcernQueries.Open]
    }

    static func show(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let workerIDs = try await SupervisionQueries.supervisees(of: actor.accountID, in: actor.organisationID, on: request.db)
        let names = try await AccountQueries.names(of: workerIDs, in: actor.organisationID, on: request.db)
        let brought = try await SupervisionQueries.broughtToSupervision(by: workerIDs, in: actor.organisationID, on: request.db)
        let awaiting = try await BillingQueries.awaitingSignOff(by: workerIDs, in: actor.organisationID, on: request.db)
        let concerns = try await ConcernQueries.open(forWorkers: workerIDs, in: actor.organisationID, on: request.db)
        var supervisees: [Supervisee] = []
        for id in workerIDs {
            supervisees.append(
                Supervisee(
                    id: id, name: names[id] ?? "A peer worker",
                    caseload: try await CaseloadQueries.caseload(
                        of: id, in: actor.organisationID, stage: nil, now: request.now, on: request.db),
                    brought: brought.filter { $0.workerID == id }, awaitingSignOff: awaiting.filter { $0.workerID == id },
                    openConcerns: concerns.filter { $0.workerID == id }))
        }
        supervisees.sort { $0.name < $1.name }
        try await request.audit.record(
            request, action: Action.viewSupervision.rawValue, target: "supervision", targetID: nil, outcome: .success,
            detail: "\(supervisees.count) supervisees")
        let signedOff = (try? request.query.get(String.self, at: "done")) == "signedOff"
        let mutuality = try await CheckInQueries.summary(forWorkers: workerIDs, in: actor.organisationID, on: request.db)
        return SupervisionViews.overview(
            request.viewer, supervisees: supervisees, mutuality: mutuality, signedOff: signedOff,
            quietDays: try await CaseloadController.quietDays(actor, request),
            disclosures: try await DisclosureController.shown(of: workerIDs, to: .colleagues, in: actor.organisationID, on: request.db))
    }

    /// One reflection brought to supervision. The peer's shared note is not part of it: that is
    /// between the peer and their worker.
    static func reflection(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        // A reflection stays with the worker who wrote it, and reaches only what they brought.
        let opened = try await RecordDoor.conversation(
            request, for: .readForSupervision, category: .practiceReflection, worker: { $0.writtenBy },
            only: { $0.filter(\.$forSupervision == true) })
        let (note, peer) = (opened.conversation, opened.opened.peer)
        let writer = try await AccountQueries.names(of: [note.writtenBy], in: actor.organisationID, on: request.db)
        try await ReadTrail.note(request, opened.opened, .readForSupervision, target: "conversation", targetID: note.id)
        return SupervisionViews.reflection(
            request.viewer, note: note, workerName: writer[note.writtenBy] ?? "A peer worker", peerInitials: Initials.of(peer.preferredName)
        )
    }
}
