import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// Saving and agreeing a peer's safety plan. A save makes a new version (the old one is kept
/// whole); agreeing marks one exact version as the peer's, so a later edit is a draft again.
enum SafetyPlanStore {
    enum Outcome {
        case saved
        /// Someone saved a newer version first; nothing was written.
        case stale(SafetyPlan)
    }

    static func plan(for peer: Peer, on database: any Database) async throws -> SafetyPlan? {
        try await database.model(
            SafetyPlan.self,
            """
            SELECT * FROM safety_plans WHERE peer_id = \(bind: try peer.requireID())
            AND organisation_id = \(bind: peer.organisationID) LIMIT 1
            """)
    }

    static func versions(of plan: SafetyPlan, on database: any Database) async throws -> [SafetyPlanVersion] {
        try await SafetyPlanVersion.query(on: database).filter(\.$planID == plan.requireID())
            .filter(\.$organisationID == plan.organisationID).sort(\.$version, .descending).all()
    }

    static func save(
        _ request: Request, peer: Peer, relationship: Relationship, content: SafetyPlanContent, seenVersion: Int
    ) async throws -> Outcome {
        let actor = try request.requireActor()
        let now = request.now
        let existing = try await plan(for: peer, on: request.db)
        if let existing, existing.version != seenVersion { return .stale(existing) }
        do {
            return try await request.db.transaction { db in
                let plan: SafetyPlan
                let before: SafetyPlanContent
                if let existing {
                    before = existing.sections
                    let applied = try await OptimisticUpdate.apply(
                        SafetyPlan.schema, id: try existing.requireID(), organisationID: existing.organisationID,
                        expectedVersion: seenVersion,
                        on: db
                    ) {
                        $0.set("content", to: SQLBind.sealed(content.encoded())).set("updated_by", to: SQLBind(actor.accountID))
                            .set("updated_at", to: SQLBind(now))
                    }
                    guard applied, let reloaded = try await SafetyPlan.find(existing.id, on: db) else {
                        return .stale(try await SafetyPlan.find(existing.id, on: db) ?? existing)
                    }
                    plan = reloaded
                } else {
                    before = SafetyPlanContent()
                    plan = try SafetyPlan(peer: peer, by: actor.accountID, at: now)
                    plan.content = content.encoded()
                    plan.version = 1
                    try await plan.create(on: db)
                }
                try await SafetyPlanVersion(plan: plan).create(on: db)
                let changed = content.changedSections(from: before).map(\.title)
                try await PlanChange(
                    organisationID: plan.organisationID, planID: try plan.requireID(), kind: .safety, by: actor.accountID, at: now,
                    summary: changed.isEmpty ? "Saved with no changes" : "Changed: " + changed.joined(separator: "; ")
                ).create(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.changeSafetyPlan.rawValue, target: "peer", targetID: peer.id?.uuidString, outcome: .success,
                    detail: "version \(plan.version)")
                try await PlanNotifications.tellTheOther(
                    request, relationship: relationship, peer: peer, what: "the wellness and safety plan",
                    link: .safetyPlan(try relationship.requireID()), on: db)
                return .saved
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Both started the first version at once, or raced to the same version number.
            guard let current = try await plan(for: peer, on: request.db) else { throw PageError.notFound }
            return .stale(current)
        }
    }

    /// Marks the version the peer read as theirs. False when the plan changed since they read it.
    static func agree(
        _ request: Request, plan: SafetyPlan, peer: Peer, seenVersion: Int, how: SafetyPlanAgreement.How
    ) async throws -> Bool {
        let actor = try request.requireActor()
        return try await request.db.transaction { db in
            let rows = try await (db as! any SQLDatabase).update(SafetyPlan.schema)
                .set("agreed_version", to: SQLBind(seenVersion))
                .set("agreed_at", to: SQLBind(request.now))
                .set("agreed_by", to: SQLBind(actor.accountID))
                .set("agreed_how", to: SQLBind(how.rawValue))
                .where("id", .equal, SQLBind(try plan.requireID()))
                .where("organisation_id", .equal, SQLBind(plan.organisationID))
                .where("version", .equal, SQLBind(seenVersion))
                .returning("id").all()
            guard !rows.isEmpty else { return false }
            try await PlanChange(
                organisationID: plan.organisationID, planID: try plan.requireID(), kind: .safety, by: actor.accountID, at: request.now,
                summary: how == .peer ? "Marked as my plan" : "Marked as their plan, with the peer there in person"
            ).create(on: db)
            try await request.audit(on: db).record(
                request, action: Action.agreeSafetyPlan.rawValue, target: "peer", targetID: peer.id?.uuidString, outcome: .success,
                detail: "version \(seenVersion), \(how.rawValue)")
            return true
        }
    }
}
