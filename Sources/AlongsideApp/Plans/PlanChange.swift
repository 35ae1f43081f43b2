import Fluent
import Foundation
import SQLKit

/// Every change to a plan, with who made it and the words before and after: the plan's history,
/// and what "changed since you last looked" is built from.
final class PlanChange: Model, @unchecked Sendable {
    static let schema = "plan_changes"

    enum Kind: String {
        case towards
        case safety
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "plan_id") var planID: UUID
    @Field(key: "plan_kind") var planKind: String
    @Field(key: "changed_by") var changedBy: UUID
    @Field(key: "changed_at") var changedAt: Date
    @Sealed(key: "summary") var summary: String
    @Sealed(key: "before") var before: String
    @Sealed(key: "after") var after: String

    init() {}

    init(organisationID: UUID, planID: UUID, kind: Kind, by: UUID, at: Date, summary: String, before: String = "", after: String = "") {
        self.organisationID = organisationID
        self.planID = planID
        planKind = kind.rawValue
        changedBy = by
        changedAt = at
        self.summary = summary
        self.before = before
        self.after = after
    }
}

/// When each person last looked at a plan.
final class PlanView: Model, @unchecked Sendable {
    static let schema = "plan_views"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "plan_id") var planID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "seen_at") var seenAt: Date

    init() {}

    init(organisationID: UUID, planID: UUID, accountID: UUID, seenAt: Date) {
        self.organisationID = organisationID
        self.planID = planID
        self.accountID = accountID
        self.seenAt = seenAt
    }

    /// When this person last looked, before now; records this look.
    static func look(at planID: UUID, by accountID: UUID, in organisationID: UUID, now: Date, on database: any Database) async throws
        -> Date?
    {
        let previous = try await PlanView.query(on: database).filter(\.$planID == planID).filter(\.$accountID == accountID)
            .filter(\.$organisationID == organisationID).first()?.seenAt
        // An upsert, so two tabs opening the plan at once can't fail on the unique key (on
        // PostgreSQL that failure would also spoil the writer's transaction).
        try await (database as! any SQLDatabase).insert(into: PlanView.schema)
            .columns("id", "organisation_id", "plan_id", "account_id", "seen_at")
            .values(SQLBind(UUID()), SQLBind(organisationID), SQLBind(planID), SQLBind(accountID), SQLBind(now))
            .onConflict(with: ["plan_id", "account_id"]) { $0.set(excludedValueOf: "seen_at") }
            .run()
        return previous
    }

    static func lastSeen(_ planID: UUID, by accountID: UUID?, on database: any Database) async throws -> Date? {
        guard let accountID else { return nil }
        return try await PlanView.query(on: database).filter(\.$planID == planID).filter(\.$accountID == accountID).first()?.seenAt
    }
}
