import AlongsideDomain
import Fluent
import Vapor

/// Reading and writing a moving-towards plan. Every write records a `PlanChange` and an audit
/// entry in the same transaction, and tells the other person in the relationship.
enum TowardsPlanStore {
    struct Contents {
        let plan: TowardsPlan?
        let steps: [TowardsStep]
        let learnings: [TowardsLearning]
        let reviews: [TowardsReview]
        let changes: [PlanChange]
    }

    static func plan(for relationship: Relationship, on database: any Database) async throws -> TowardsPlan? {
        try await database.model(
            TowardsPlan.self,
            """
            SELECT * FROM towards_plans WHERE relationship_id = \(bind: try relationship.requireID())
            AND organisation_id = \(bind: relationship.organisationID) LIMIT 1
            """)
    }

    static func contents(of relationship: Relationship, on database: any Database) async throws -> Contents {
        guard let plan = try await plan(for: relationship, on: database), let id = plan.id else {
            return Contents(plan: nil, steps: [], learnings: [], reviews: [], changes: [])
        }
        let organisation = relationship.organisationID
        return Contents(
            plan: plan,
            steps: try await TowardsStep.query(on: database).filter(\.$planID == id).filter(\.$organisationID == organisation)
                .sort(\.$createdAt).all(),
            learnings: try await TowardsLearning.query(on: database).filter(\.$planID == id)
                .filter(\.$organisationID == organisation).sort(\.$writtenAt, .descending).all(),
            reviews: try await TowardsReview.query(on: database).filter(\.$planID == id).filter(\.$organisationID == organisation)
                .sort(\.$writtenAt, .descending).all(),
            changes: try await PlanChange.query(on: database).filter(\.$planID == id).filter(\.$organisationID == organisation)
                .sort(\.$changedAt, .descending).all())
    }

    /// The plan, made on the first change (looking at an empty plan doesn't make one).
    static func ensurePlan(for relationship: Relationship, by: UUID, at: Date, on database: any Database) async throws -> TowardsPlan {
        if let plan = try await plan(for: relationship, on: database) { return plan }
        let plan = try TowardsPlan(relationship: relationship, by: by, at: at)
        do {
            try await plan.create(on: database)
            return plan
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // The other person started it at the same moment: use theirs.
            guard let theirs = try await self.plan(for: relationship, on: database) else { throw PageError.notFound }
            return theirs
        }
    }

    /// Records a change, audits it, and lets the other person know, all inside `database`'s transaction.
    /// - Parameters:
    ///   - summary: what changed, in the people's own words, for the plan's history (which only they read)
    ///   - audited: what changed as the audit trail holds it: the part and any id, never the words
    ///     ("vision changed", "step <id> added")
    static func recordChange(
        _ request: Request, plan: TowardsPlan, relationship: Relationship, peer: Peer, action: Action, summary: String,
        audited: String, before: String = "", after: String = "", on database: any Database
    ) async throws {
        let actor = try request.requireActor()
        try await PlanChange(
            organisationID: plan.organisationID, planID: try plan.requireID(), kind: .towards, by: actor.accountID, at: request.now,
            summary: summary, before: before, after: after
        ).create(on: database)
        try await request.audit(on: database).record(
            request, action: action.rawValue, target: "relationship", targetID: relationship.id?.uuidString, outcome: .success,
            detail: "moving-towards plan: \(audited)")
        // Whoever changes the plan has seen it as it now stands.
        _ = try await PlanView.look(
            at: try plan.requireID(), by: actor.accountID, in: plan.organisationID, now: request.now, on: database)
        try await PlanNotifications.tellTheOther(
            request, relationship: relationship, peer: peer, what: "the moving-towards plan",
            link: .towardsPlan(try relationship.requireID()),
            on: database)
    }
}

/// When one of the two people changes a plan, the other hears about it in their inbox.
enum PlanNotifications {
    static func tellTheOther(
        _ request: Request, relationship: Relationship, peer: Peer, what: String, link: AppURL, on database: any Database
    ) async throws {
        let actor = try request.requireActor()
        let name = request.signedIn?.displayName ?? "Someone"
        let (recipient, message): (UUID?, String) =
            actor.accountID == peer.accountID
            ? (relationship.workerID, "\(peer.preferredName) changed \(what).")
            : (peer.accountID, "\(name) changed \(what.replacingOccurrences(of: "the ", with: "your ", options: .anchored)).")
        guard let recipient, recipient != actor.accountID else { return }
        // The worker of an ended relationship is no longer told: they no longer walk alongside the peer.
        if recipient == relationship.workerID, try await JourneyStore.hasEnded(relationship, on: database) { return }
        // One unread notice per plan is enough: a run of edits updates it rather than piling up.
        if let unread = try await InboxNotification.query(on: database).filter(\.$accountID == recipient)
            .filter(\.$organisationID == relationship.organisationID).filter(\.$link == link.path)
            .filter(\.$kind == InboxNotification.Kind.planChanged.rawValue).filter(\.$readAt == nil).first()
        {
            unread.message = message
            unread.createdAt = request.now
            try await unread.save(on: database)
            return
        }
        try await InboxNotification(
            organisationID: relationship.organisationID, to: recipient, kind: .planChanged, message: message, link: link, at: request.now
        ).create(on: database)
    }
}
