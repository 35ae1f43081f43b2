import AlongsideAPI
import AlongsideDomain
import Fluent
import Vapor

/// The plans a peer owns, read through the API with the same door, categories and read trail as their pages.
enum PlansAPI {
    typealias Schemas = Components.Schemas

    static func safetyPlan(_ request: Request, relationshipID: String) async throws -> Schemas.SafetyPlanView {
        let opened = try await RecordDoor.relationship(
            request, raw: relationshipID, for: .viewSafetyPlan, category: .safetyPlan, target: "relationship")
        let plan = try await SafetyPlanStore.plan(for: opened.peer, on: request.db)
        try await ReadTrail.note(
            request, opened, .viewSafetyPlan, target: "peer", targetID: opened.peer.id, detail: "plan, through the API")
        return Schemas.SafetyPlanView(
            relationshipId: try opened.relationship.requireID().apiText,
            plan: plan.map { plan in
                let content = plan.sections
                return Schemas.SafetyPlan(
                    version: plan.version, agreedAt: plan.isAgreed ? plan.agreedAt : nil, updatedAt: plan.updatedAt,
                    sections: SafetyPlanSection.allCases.map { .init(key: $0.rawValue, title: $0.title, text: content[$0]) })
            })
    }

    static func towardsPlan(_ request: Request, relationshipID: String) async throws -> Schemas.TowardsPlanView {
        let opened = try await RecordDoor.relationship(
            request, raw: relationshipID, for: .viewTowardsPlan, category: .plans, target: "relationship")
        let contents = try await TowardsPlanStore.contents(of: opened.relationship, on: request.db)
        try await ReadTrail.note(request, opened, .viewTowardsPlan, target: "relationship", targetID: opened.relationship.id)
        return Schemas.TowardsPlanView(
            relationshipId: try opened.relationship.requireID().apiText,
            vision: contents.plan.map(\.vision),
            steps: try contents.steps.map { step in
                Schemas.TowardsStep(
                    id: try step.requireID().apiText, text: step.text, taker: step.taker, state: step.state, byWhen: step.byWhen,
                    updatedAt: step.updatedAt)
            })
    }
}

/// A peer's consents, for the worker who walks alongside them.
enum ConsentsAPI {
    typealias Schemas = Components.Schemas

    static func list(_ request: Request, relationshipID: String) async throws -> Schemas.ConsentList {
        let opened = try await RecordDoor.relationship(
            request, raw: relationshipID, for: .viewConsents, category: .journey, target: "relationship")
        let records = try await ConsentQueries.records(of: opened.peer, on: request.db)
        try await request.audit.record(
            request, action: Action.viewConsents.rawValue, target: "peer", targetID: opened.peer.id?.uuidString, outcome: .success,
            detail: "consents, through the API")
        return Schemas.ConsentList(
            relationshipId: try opened.relationship.requireID().apiText,
            items: try records.map { record in
                let provision = record.provision
                return Schemas.Consent(
                    id: try record.requireID().apiText, decision: provision.decision.rawValue, audience: provision.audience.rawValue,
                    granteeId: provision.granteeID?.apiText,
                    categories: InformationCategory.allCases.filter(provision.categories.contains).map(\.rawValue),
                    purpose: provision.purpose, startsAt: provision.startsAt, endsAt: provision.endsAt, method: provision.method.rawValue,
                    recordedAt: provision.recordedAt, revokedAt: provision.revokedAt)
            })
    }
}
