import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// Referrals from partner clinicians, and the coordinators' inbox for them.
enum ReferralsController {
    struct Form: Content {
        var name: String?
        var howToReach: String?
        var reason: String?
    }

    struct Answer: Content {
        var worker: String?
        var declineReason: String?
    }

    // MARK: the clinician's side

    static func new(_ request: Request) async throws -> Response {
        let sent = (try? request.query.get(String.self, at: "sent")) == "1"
        return try await clinicianPage(
            request, form: Form(), errors: FieldErrors(), notice: sent ? "Sent. A coordinator will answer it here." : nil)
    }

    static func send(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let form = (try? request.content.decode(Form.self)) ?? Form()
        switch ReferralForm.parse(name: form.name, howToReach: form.howToReach, reason: form.reason) {
        case .failure(let errors):
            return try await clinicianPage(request, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let draft):
            let referral = Referral(organisationID: actor.organisationID, referredBy: actor.accountID, draft: draft, at: request.now)
            let coordinators = try await AccountQueries.holders(of: [.coordinator], in: actor.organisationID, on: request.db)
            try await request.db.transaction { db in
                try await referral.create(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.sendReferral.rawValue, target: "referral", targetID: referral.id?.uuidString, outcome: .success)
                try await InboxNotification.send(
                    to: coordinators, in: actor.organisationID, kind: .referralArrived, message: "A partner clinician sent a referral.",
                    link: .referrals, at: request.now, on: db)
            }
            return request.redirect(to: AppURL.newReferral.path + "?sent=1", redirectType: .normal)
        }
    }

    private static func clinicianPage(
        _ request: Request, form: Form, errors: FieldErrors, notice: String? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try request.requireActor()
        let mine = try await Referral.query(on: request.db).filter(\.$organisationID == actor.organisationID)
            .filter(\.$referredBy == actor.accountID).sort(\.$sentAt, .descending).limit(50).all()
        return ReferralViews.clinician(request.viewer, referrals: mine, form: form, errors: errors, notice: notice, status: status)
    }

    // MARK: the coordinators' inbox

    static func inbox(_ request: Request) async throws -> Response {
        try await inboxPage(request, errors: [:], answers: [:])
    }

    private static func inboxPage(
        _ request: Request, errors: [UUID: FieldErrors], answers: [UUID: Answer], status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try request.requireActor()
        let referrals = try await Referral.query(on: request.db).filter(\.$organisationID == actor.organisationID)
            .sort(\.$sentAt, .descending).limit(100).all()
        let names = try await AccountQueries.names(
            of: referrals.map(\.referredBy) + referrals.compactMap(\.answeredBy), in: actor.organisationID, on: request.db)
        let workers = try await CaseloadQueries.peerWorkers(in: actor.organisationID, on: request.db)
        try await request.audit.record(
            request, action: Action.answerReferrals.rawValue, target: "referrals", outcome: .success, detail: "read")
        let notice: String? =
            switch try? request.query.get(String.self, at: "done") {
            case "accepted": "Accepted. The peer worker has them on their caseload now."
            case "declined": "Declined. The clinician has your reason."
            default: nil
            }
        return ReferralViews.inbox(
            request.viewer, referrals: referrals, names: names, workers: workers, errors: errors, answers: answers, notice: notice,
            status: status)
    }

    /// The referral named in the path, still waiting; an answered one (a second coordinator was
    /// quicker) or another organisation's is a 404.
    private static func waiting(_ request: Request, on database: any Database) async throws -> Referral? {
        let actor = try request.requireActor()
        guard let id = UUID(uuidString: request.parameters.get("referralID") ?? "") else { return nil }
        return try await Referral.query(on: database).filter(\.$id == id).filter(\.$organisationID == actor.organisationID)
            .filter(\.$status == Referral.Status.waiting.rawValue).first()
    }

    static func accept(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let answer = (try? request.content.decode(Answer.self)) ?? Answer()
        guard let referral = try await waiting(request, on: request.db) else { return try await notWaiting(request) }
        let workers = try await CaseloadQueries.peerWorkers(in: actor.organisationID, on: request.db)
        guard let worker = answer.worker.flatMap(UUID.init(uuidString:)), workers.contains(where: { $0.id == worker }) else {
            let id = try referral.requireID()
            return try await inboxPage(
                request, errors: [id: FieldErrors(field: "worker", "Choose the peer worker who will walk alongside them.")],
                answers: [id: answer], status: .unprocessableEntity)
        }
        let accepted = try await request.db.transaction { db -> Bool in
            // Claimed by the statement that checks it still waits, so two coordinators can't both accept.
            guard let fresh = try await claim(referral, as: .accepted, by: actor, at: request.now, on: db) else { return false }
            let peer = Peer(
                organisationID: actor.organisationID,
                profile: PeerProfile(preferredName: fresh.personName, howToReach: fresh.howToReach), createdBy: actor.accountID,
                createdAt: request.now)
            try await peer.create(on: db)
            let relationship = try await JourneyStore.start(
                peer: peer, workerID: worker, initiatedBy: .worker, by: actor, on: db, clock: request.application.clock,
                auditKey: request.application.auditKey)
            fresh.relationshipID = relationship.id
            try await fresh.save(on: db)
            try await request.audit(on: db).record(
                request, action: Action.answerReferrals.rawValue, target: "referral", targetID: fresh.id?.uuidString, outcome: .success,
                detail: "accepted, relationship \(relationship.id?.uuidString.lowercased() ?? "")")
            try await InboxNotification(
                organisationID: actor.organisationID, to: fresh.referredBy, kind: .referralAnswered,
                message: "Your referral was accepted: a peer worker will be in touch with them.", link: .newReferral, at: request.now
            ).create(on: db)
            try await InboxNotification(
                organisationID: actor.organisationID, to: worker, kind: .referralAnswered,
                message: "Someone was referred to you by a partner clinician.", link: .relationship(try relationship.requireID()),
                at: request.now
            ).create(on: db)
            return true
        }
        guard accepted else { return try await notWaiting(request) }
        return request.redirect(to: AppURL.referrals.path + "?done=accepted", redirectType: .normal)
    }

    static func decline(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let answer = (try? request.content.decode(Answer.self)) ?? Answer()
        guard let referral = try await waiting(request, on: request.db) else { return try await notWaiting(request) }
        switch ReferralForm.declineReason(answer.declineReason) {
        case .failure(let errors):
            return try await inboxPage(
                request, errors: [try referral.requireID(): errors], answers: [try referral.requireID(): answer],
                status: .unprocessableEntity)
        case .success(let reason):
            let declined = try await request.db.transaction { db -> Bool in
                guard let fresh = try await claim(referral, as: .declined, by: actor, at: request.now, on: db) else { return false }
                fresh.declineReason = reason
                try await fresh.save(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.answerReferrals.rawValue, target: "referral", targetID: fresh.id?.uuidString, outcome: .success,
                    detail: "declined")
                try await InboxNotification(
                    organisationID: actor.organisationID, to: fresh.referredBy, kind: .referralAnswered,
                    message: "Your referral was declined, with a reason: see your referrals.", link: .newReferral, at: request.now
                ).create(on: db)
                return true
            }
            guard declined else { return try await notWaiting(request) }
            return request.redirect(to: AppURL.referrals.path + "?done=declined", redirectType: .normal)
        }
    }

    /// Marks a waiting referral answered, in one conditional statement: nil when it no longer waits.
    private static func claim(
        _ referral: Referral, as status: Referral.Status, by actor: Actor, at now: Date, on database: any Database
    ) async throws -> Referral? {
        let id = try referral.requireID()
        let claimed = try await (database as! any SQLDatabase).raw(
            """
            UPDATE referrals SET status = \(bind: status.rawValue), answered_by = \(bind: actor.accountID), answered_at = \(bind: now)
            WHERE id = \(bind: id) AND organisation_id = \(bind: actor.organisationID) AND status = \(bind: Referral.Status.waiting.rawValue)
            RETURNING id
            """
        ).first()
        guard claimed != nil else { return nil }
        return try await Referral.query(on: database).filter(\.$id == id).first()
    }

    private static func notWaiting(_ request: Request) async throws -> Response {
        try await request.audit.record(
            request, action: Action.answerReferrals.rawValue, target: "referral",
            targetID: String((request.parameters.get("referralID") ?? "").prefix(64)), outcome: .denied,
            detail: "no waiting referral with this id")
        throw PageError.notFound
    }
}
