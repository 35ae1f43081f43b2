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

    struct HandoverForm: Content {
        var handoverTo: String?
        var handoverReason: String?
    }

    /// The address of the login that opens a peer's record, in the peer's organisation.
    static func loginAddress(of peer: Peer, on database: any Database) async throws -> String? {
        guard let accountID = peer.accountID else { return nil }
        return try await AccountQueries.find(accountID, in: peer.organisationID, on: database)?.email
    }

    /// Everything the relationship page shows, loaded the same way for every render.
    static func page(
        _ request: Request, _ relationship: Relationship, _ peer: Peer, form: MoveForm = MoveForm(),
        portalForm: PeerInviteController.Form = .init(),
        planForm: PlanningController.Form = .init(), againForm: StartAgainController.Form = .init(),
        headspaceForm: HeadspaceController.Form = .init(),
        errors: FieldErrors = FieldErrors(), notice: String? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        // Only reads here: straight from the file on SQLite (`Request.readDB`).
        let db = request.readDB
        let viewer = request.viewer
        let ending = try await JourneyStore.ending(of: relationship, on: db)
        let shown = RelationshipViews.shownConversations(viewer)
        let context = RelationshipViews.Context(
            records: try await JourneyStore.transitions(of: relationship, on: db),
            conversationDates: try await ConversationQueries.dates(of: relationship, on: db),
            conversations: try await ConversationQueries.list(relationship, newest: shown, on: db),
            ending: ending,
            handovers: try await JourneyStore.handovers(of: relationship, on: db),
            // Only an ended relationship offers a choice of worker on this page (to start again).
            // Never yourself: starting again opens the peer's plans to its worker.
            workers: ending == nil
                ? []
                : try await CaseloadQueries.peerWorkers(in: relationship.organisationID, on: db)
                    .filter { $0.id != request.signedIn?.actor.accountID },
            plans: try await PlanningQueries.upcoming(for: relationship, now: request.now, on: db),
            neighbours: try await JourneyStore.neighbours(of: relationship, on: db),
            headspace: try await HeadspaceRecord.of(relationship, on: db),
            peerPlans: try await PeerPlansSection.Summary.load(
                request, relationship: relationship, peer: peer, ended: ending != nil, workerName: ""),
            peerLogin: try await loginAddress(of: peer, on: db),
            shownConversations: shown)
        return RelationshipViews.show(
            viewer, relationship: relationship, peer: peer, context: context, form: form,
            portalForm: portalForm, planForm: planForm, againForm: againForm, headspaceForm: headspaceForm,
            errors: errors,
            notice: notice, status: status)
    }

    /// Choosing who carries on: its own page, because a large service has hundreds of workers.
    static func handoverForm(_ request: Request) async throws -> Response {
        let (relationship, peer) = try await RecordDoor.relationship(request, for: .handOver).pair
        return try await handoverPage(request, relationship, peer, form: HandoverForm(), errors: FieldErrors())
    }

    static func handoverPage(
        _ request: Request, _ relationship: Relationship, _ peer: Peer, form: HandoverForm, errors: FieldErrors,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let me = request.signedIn?.actor.accountID
        let workers = try await CaseloadQueries.peerWorkers(in: relationship.organisationID, on: request.db)
            .filter { $0.id != relationship.workerID && $0.id != me }
        return HandoverView.render(
            request.viewer, relationship: relationship, peer: peer, workers: workers, form: form, errors: errors, status: status)
    }

    static func handOver(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (relationship, peer) = try await RecordDoor.relationship(request, for: .handOver).pair
        let form = (try? request.content.decode(HandoverForm.self)) ?? HandoverForm()
        let workers = try await CaseloadQueries.peerWorkers(in: relationship.organisationID, on: request.db).map(\.id)
        switch Handover.parse(
            to: form.handoverTo, reason: form.handoverReason, current: relationship.workerID, workers: workers,
            handingOver: actor.accountID)
        {
        case .failure(let errors):
            return try await handoverPage(request, relationship, peer, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let handover):
            try await JourneyStore.handOver(
                relationship, handover, by: actor, on: request.db, clock: request.application.clock,
                auditKey: request.application.auditKey)
            if actor.holds(.coordinator) {
                return request.redirect(to: AppURL.relationship(try relationship.requireID()).path + "?handedOver=1", redirectType: .normal)
            }
            // The former worker no longer sees the relationship: take them back to their caseload.
            return request.redirect(to: AppURL.caseload(stage: nil).path, redirectType: .normal)
        }
    }

    static func show(_ request: Request) async throws -> Response {
        let opened = try await RecordDoor.relationship(request, for: .viewRelationship)
        let (relationship, peer) = opened.pair
        try await ReadTrail.note(request, opened, .viewRelationship, target: "relationship", targetID: relationship.id)
        let notice: String? =
            switch (try? request.query.get(String.self, at: "moved"), try? request.query.get(String.self, at: "handedOver")) {
            case ("1", _): "The stage has been updated."
            case (_, "1"): "The relationship has been handed over. Its whole history goes with it."
            default:
                switch (try? request.query.get(String.self, at: "planned"), try? request.query.get(String.self, at: "cancelled")) {
                case ("1", _): "The plan is saved. \(peer.preferredName) can see it too, if they have their own login."
                case (_, "1"): "The plan is cancelled."
                default:
                    if (try? request.query.get(String.self, at: "released")) == "1" {
                        "The login is released from \(peer.preferredName)'s record, and its owner has been told. Their peer worker can invite them again."
                    } else {
                        (try? request.query.get(String.self, at: "headspace")) == "1"
                            ? "Recorded: the moment \(peer.preferredName) let you into their headspace."
                            : (try? request.query.get(String.self, at: "added")) == "1"
                                ? "\(peer.preferredName) is added, and your relationship has begun at \"\(Stage.safePlace.displayName)\"."
                                : nil
                    }
                }
            }
        return try await page(request, relationship, peer, notice: notice)
    }

    static func move(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (relationship, peer) = try await RecordDoor.relationship(request, for: .moveStage).pair
        let records = try await JourneyStore.transitions(of: relationship, on: request.db)
        let current = Journey(records.compactMap(\.transition)).currentStage
        let form = (try? request.content.decode(MoveForm.self)) ?? MoveForm()
        var errors = FieldErrors()
        let move: StageMove
        let ending: Ending?
        switch StageMove.parse(
            to: form.to, initiatedBy: form.initiatedBy, reason: form.reason, from: current, endingKind: form.endingKind,
            endingConversation: form.endingConversation == "on", nextSteps: form.nextSteps ?? [])
        {
        case .failure(let problems):
            return try await page(request, relationship, peer, form: form, errors: problems, status: .unprocessableEntity)
        case .success(let parsed): (move, ending) = parsed
        }
        do {
            try await JourneyStore.move(
                relationship, move, ending: ending, from: current, expectedPosition: form.position ?? -1, by: actor, on: request.db,
                clock: request.application.clock, auditKey: request.application.auditKey)
        } catch is JourneyStore.StaleMove {
            errors.add(
                "to", "The stage was changed while you were on this page. Here is the journey as it is now: check it, then choose again.")
            return try await page(request, relationship, peer, form: form, errors: errors, status: .conflict)
        }
        return request.redirect(to: AppURL.relationship(try relationship.requireID()).path + "?moved=1", redirectType: .normal)
    }
}
