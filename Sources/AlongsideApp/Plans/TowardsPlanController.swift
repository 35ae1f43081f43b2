import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// The moving-towards plan, for the peer (from their portal) and their worker alike: the same
/// page, the same forms, each change kept with who made it.
enum TowardsPlanController {
    struct Form: Content {
        var vision: String?
        var version: String?
        var stepText: String?
        var stepTaker: String?
        var stepSomeone: String?
        var stepByWhen: String?
        var stepState: String?
        var learning: String?
        var reviewConversation: String?
        var review: String?
    }

    /// A save that lost a race: what the other person saved, beside what this person wrote.
    struct Conflict {
        let savedBy: String
        let savedAt: Date
        let theirs: String
        let field: String
    }

    static func show(_ request: Request) async throws -> Response {
        let loaded = try await RecordDoor.relationship(request, for: .viewTowardsPlan, category: .plans)
        return try await page(request, loaded)
    }

    static func page(
        _ request: Request, _ loaded: RecordDoor.Opened, form: Form = Form(), errors: FieldErrors = FieldErrors(),
        conflict: Conflict? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try request.requireActor()
        let relationship = loaded.relationship
        let contents = try await TowardsPlanStore.contents(of: relationship, on: request.db)
        var lastLooked: Date?
        var peerLastLooked: Date?
        if let planID = contents.plan?.id, status == .ok {
            lastLooked = try await PlanView.look(
                at: planID, by: actor.accountID, in: relationship.organisationID, now: request.now, on: request.db)
        } else if let planID = contents.plan?.id {
            lastLooked = try await PlanView.lastSeen(planID, by: actor.accountID, on: request.db)
        }
        if let planID = contents.plan?.id, !loaded.viewerIsPeer {
            peerLastLooked = try await PlanView.lastSeen(planID, by: loaded.peer.accountID, on: request.db)
        }
        let conversations = try await ConversationQueries.list(relationship, on: request.db)
        var people = Set(contents.changes.map(\.changedBy) + contents.learnings.map(\.writtenBy) + contents.reviews.map(\.writtenBy))
        people.insert(relationship.workerID)
        let names = try await AccountQueries.names(of: people, in: relationship.organisationID, on: request.db)
        try await ReadTrail.note(request, loaded, .viewTowardsPlan, target: "relationship", targetID: relationship.id)
        return TowardsPlanView.render(
            request.viewer, loaded: loaded,
            context: .init(
                contents: contents, names: names, conversations: conversations, lastLooked: lastLooked, peerLastLooked: peerLastLooked),
            form: form, errors: errors, conflict: conflict, status: status)
    }

    static func saveVision(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let loaded = try await RecordDoor.relationship(request, for: .changeTowardsPlan, category: .plans)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        let vision = PlanText.clean(form.vision)
        if let problem = PlanText.tooLong(vision, limit: PlanText.visionLimit) {
            return try await page(request, loaded, form: form, errors: FieldErrors(field: "vision", problem), status: .unprocessableEntity)
        }
        let seen = Int(form.version ?? "") ?? 0
        let plan = try await TowardsPlanStore.ensurePlan(for: loaded.relationship, by: actor.accountID, at: request.now, on: request.db)
        let before = plan.vision
        let saved = try await request.db.transaction { db in
            let applied = try await OptimisticUpdate.apply(
                "towards_plans", id: try plan.requireID(), organisationID: plan.organisationID, expectedVersion: seen, on: db
            ) {
                $0.set("vision", to: SQLBind.sealed(vision)).set("updated_by", to: SQLBind(actor.accountID))
                    .set("updated_at", to: SQLBind(request.now))
            }
            if applied {
                try await TowardsPlanStore.recordChange(
                    request, plan: plan, relationship: loaded.relationship, peer: loaded.peer, action: .changeTowardsPlan,
                    summary: "Changed “where I want to be”", audited: "vision changed", before: before, after: vision, on: db)
            }
            return applied
        }
        guard saved else {
            let current = try await TowardsPlanStore.plan(for: loaded.relationship, on: request.db) ?? plan
            let name = try await AccountQueries.names(of: [current.updatedBy], in: current.organisationID, on: request.db)
            var kept = form
            kept.version = String(current.version)
            return try await page(
                request, loaded, form: kept,
                errors: FieldErrors(
                    field: "vision",
                    "Someone else saved this while you were writing. Their version is shown below; your words are still here. Save again to keep yours."
                ),
                conflict: Conflict(
                    savedBy: name[current.updatedBy] ?? "Someone", savedAt: current.updatedAt, theirs: current.vision, field: "vision"),
                status: .conflict)
        }
        return redirect(request, loaded, "vision")
    }

    static func addStep(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let loaded = try await RecordDoor.relationship(request, for: .changeTowardsPlan, category: .plans)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        let existing = try await TowardsPlanStore.plan(for: loaded.relationship, on: request.db)
        let raw = TowardsStepDraft.Raw(
            text: form.stepText, taker: form.stepTaker, someone: form.stepSomeone, byWhen: form.stepByWhen, state: form.stepState)
        switch TowardsStepDraft.parse(raw, planBegan: existing?.beganAt ?? request.now) {
        case .failure(let errors):
            return try await page(request, loaded, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let draft):
            let plan = try await TowardsPlanStore.ensurePlan(
                for: loaded.relationship, by: actor.accountID, at: request.now, on: request.db)
            try await request.db.transaction { db in
                let step = try TowardsStep(plan: plan, draft: draft, by: actor.accountID, at: request.now)
                try await step.create(on: db)
                try await TowardsPlanStore.recordChange(
                    request, plan: plan, relationship: loaded.relationship, peer: loaded.peer, action: .changeTowardsPlan,
                    summary: "Added a step: “\(draft.text)”", audited: "step \(try step.requireID().uuidString.lowercased()) added",
                    after: draft.text, on: db)
            }
            return redirect(request, loaded, "step")
        }
    }

    struct StepForm: Content {
        var state: String?
        var version: String?
    }

    static func updateStep(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let raw = request.parameters.get("stepID") ?? ""
        guard let id = UUID(uuidString: raw),
            let step = try await TowardsStep.query(on: request.db).filter(\.$id == id)
                .filter(\.$organisationID == actor.organisationID).first(),
            let plan = try await TowardsPlan.query(on: request.db).filter(\.$id == step.planID)
                .filter(\.$organisationID == actor.organisationID).first()
        else {
            try await request.audit.record(
                request, action: Action.changeTowardsPlan.rawValue, target: "step", targetID: String(raw.prefix(64)), outcome: .denied,
                detail: "no such step in this organisation")
            throw PageError.notFound
        }
        let loaded = try await RecordDoor.relationship(
            request, raw: raw, id: plan.relationshipID, for: .changeTowardsPlan, category: .plans, target: "step")
        let (relationship, peer) = loaded.pair
        let form = (try? request.content.decode(StepForm.self)) ?? StepForm()
        guard let state = StepState(rawValue: form.state ?? "") else {
            return try await page(
                request, loaded, errors: FieldErrors(field: "step-\(id.uuidString.lowercased())", "Choose where this step stands."),
                status: .unprocessableEntity)
        }
        let seen = Int(form.version ?? "") ?? 0
        let before = step.stepState
        let saved = try await request.db.transaction { db in
            let applied = try await OptimisticUpdate.apply(
                "towards_steps", id: id, organisationID: step.organisationID, expectedVersion: seen, on: db
            ) {
                $0.set("state", to: SQLBind(state.rawValue)).set("updated_by", to: SQLBind(actor.accountID))
                    .set("updated_at", to: SQLBind(request.now))
            }
            if applied {
                try await TowardsPlanStore.recordChange(
                    request, plan: plan, relationship: relationship, peer: peer, action: .changeTowardsPlan,
                    summary: "“\(step.text)” is now \(state.displayName.lowercased())",
                    audited: "step \(id.uuidString.lowercased()) \(before.rawValue) -> \(state.rawValue)", before: before.displayName,
                    after: state.displayName, on: db)
            }
            return applied
        }
        guard saved else {
            let current =
                try await TowardsStep.query(on: request.db).filter(\.$id == id).filter(\.$organisationID == step.organisationID)
                .first() ?? step
            let name = try await AccountQueries.names(of: [current.updatedBy], in: current.organisationID, on: request.db)
            return try await page(
                request, loaded,
                errors: FieldErrors(
                    field: "step-\(id.uuidString.lowercased())",
                    "While you were choosing “\(state.displayName)”, \(name[current.updatedBy] ?? "someone") set this step to “\(current.stepState.displayName)”. Choose again to keep yours."
                ),
                status: .conflict)
        }
        return request.redirect(to: AppURL.towardsPlan(try relationship.requireID()).path + "?saved=step#steps", redirectType: .normal)
    }

    static func addLearning(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let loaded = try await RecordDoor.relationship(request, for: .changeTowardsPlan, category: .plans)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        switch PlanText.parse(
            form.learning, field: "learning", empty: "Write what you learned before adding it.", limit: PlanText.learningLimit)
        {
        case .failure(let errors):
            return try await page(request, loaded, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let text):
            let plan = try await TowardsPlanStore.ensurePlan(
                for: loaded.relationship, by: actor.accountID, at: request.now, on: request.db)
            try await request.db.transaction { db in
                let learning = try TowardsLearning(plan: plan, text: text, by: actor.accountID, at: request.now)
                try await learning.create(on: db)
                try await TowardsPlanStore.recordChange(
                    request, plan: plan, relationship: loaded.relationship, peer: loaded.peer, action: .changeTowardsPlan,
                    summary: "Added to what we learned",
                    audited: "learning \(try learning.requireID().uuidString.lowercased()) added", after: text, on: db)
            }
            return redirect(request, loaded, "learning")
        }
    }

    static func addReview(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let loaded = try await RecordDoor.relationship(request, for: .changeTowardsPlan, category: .plans)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        var errors = FieldErrors()
        let conversations = try await ConversationQueries.list(loaded.relationship, on: request.db)
        let chosen = UUID(uuidString: form.reviewConversation ?? "")
        if chosen == nil || !conversations.contains(where: { $0.id == chosen }) {
            errors.add("reviewConversation", "Choose the conversation where you looked at the plan together.")
        }
        var text = ""
        switch PlanText.parse(
            form.review, field: "review", empty: "Write a line about what you said about the plan.", limit: PlanText.reviewLimit)
        {
        case .failure(let problems): errors.merge(problems)
        case .success(let value): text = value
        }
        guard errors.isEmpty, let chosen else {
            return try await page(request, loaded, form: form, errors: errors, status: .unprocessableEntity)
        }
        let reviewText = text
        let plan = try await TowardsPlanStore.ensurePlan(for: loaded.relationship, by: actor.accountID, at: request.now, on: request.db)
        try await request.db.transaction { db in
            try await TowardsReview(plan: plan, conversationID: chosen, text: reviewText, by: actor.accountID, at: request.now).create(
                on: db)
            try await TowardsPlanStore.recordChange(
                request, plan: plan, relationship: loaded.relationship, peer: loaded.peer, action: .changeTowardsPlan,
                summary: "Reviewed the plan in a conversation",
                audited: "review added, conversation \(chosen.uuidString.lowercased())", after: reviewText, on: db)
        }
        return redirect(request, loaded, "review")
    }

    private static func redirect(_ request: Request, _ loaded: RecordDoor.Opened, _ what: String) -> Response {
        let id = loaded.relationship.id ?? UUID()
        return request.redirect(to: AppURL.towardsPlan(id).path + "?saved=\(what)", redirectType: .normal)
    }
}
