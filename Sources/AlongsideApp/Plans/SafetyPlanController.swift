import AlongsideDomain
import Fluent
import Vapor

/// The peer's wellness and safety plan: written by the peer, perhaps drafted with their worker,
/// and agreed only when the peer says "this is my plan". Every read is audited.
enum SafetyPlanController {
    struct Form: Content {
        var version: String?
        var peerPresent: String?
    }

    struct Loaded {
        let access: RecordDoor.Opened
        let plan: SafetyPlan?
        let organisation: Organisation
    }

    static func load(_ request: Request, for action: Action) async throws -> Loaded {
        let access = try await RecordDoor.relationship(request, for: action, category: .safetyPlan)
        guard let organisation = try await Organisation.find(access.relationship.organisationID, on: request.db) else {
            throw PageError.notFound
        }
        let plan = try await SafetyPlanStore.plan(for: access.peer, on: request.db)
        return Loaded(access: access, plan: plan, organisation: organisation)
    }

    /// A form shown again with a problem shows the plan too, so it is a read like any other.
    private static let shownAgain = "plan, shown again with a problem"

    private static func auditRead(_ request: Request, _ loaded: Loaded, _ what: String) async throws {
        try await ReadTrail.note(request, loaded.access, .viewSafetyPlan, target: "peer", targetID: loaded.access.peer.id, detail: what)
    }

    static func show(_ request: Request) async throws -> Response {
        let loaded = try await load(request, for: .viewSafetyPlan)
        try await auditRead(request, loaded, "plan")
        return SafetyPlanView.page(request.viewer, loaded: loaded, fields: nil, errors: FieldErrors(), conflict: nil)
    }

    static func save(_ request: Request) async throws -> Response {
        let loaded = try await load(request, for: .changeSafetyPlan)
        let fields = (try? request.content.decode([String: String].self)) ?? [:]
        let seen = Int(fields["version"] ?? "") ?? 0
        switch SafetyPlanContent.parse(fields) {
        case .failure(let errors):
            try await auditRead(request, loaded, Self.shownAgain)
            return SafetyPlanView.page(
                request.viewer, loaded: loaded, fields: fields, errors: errors, conflict: nil, status: .unprocessableEntity)
        case .success(let content):
            switch try await SafetyPlanStore.save(
                request, peer: loaded.access.peer, relationship: loaded.access.relationship, content: content, seenVersion: seen)
            {
            case .saved:
                return request.redirect(
                    to: AppURL.safetyPlan(try loaded.access.relationship.requireID()).path + "?saved=1", redirectType: .normal)
            case .stale(let current):
                let names = try await AccountQueries.names(of: [current.updatedBy], in: current.organisationID, on: request.db)
                try await auditRead(request, loaded, Self.shownAgain)
                var kept = fields
                kept["version"] = String(current.version)
                return SafetyPlanView.page(
                    request.viewer, loaded: Loaded(access: loaded.access, plan: current, organisation: loaded.organisation), fields: kept,
                    errors: FieldErrors(
                        field: "plan",
                        "\(names[current.updatedBy] ?? "Someone") saved the plan while you were writing. Their version is shown beside yours; your words are still in the form. Save again to make yours the newest version."
                    ),
                    conflict: current, status: .conflict)
            }
        }
    }

    static func agree(_ request: Request) async throws -> Response {
        let loaded = try await load(request, for: .agreeSafetyPlan)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        let byPeer = loaded.access.viewerIsPeer
        let content = loaded.plan?.sections ?? SafetyPlanContent()
        let errors = SafetyPlanAgreement.check(content, peerPresent: form.peerPresent == "on", byPeer: byPeer)
        guard errors.isEmpty, let plan = loaded.plan else {
            try await auditRead(request, loaded, Self.shownAgain)
            return SafetyPlanView.page(
                request.viewer, loaded: loaded, fields: nil,
                errors: errors.isEmpty ? SafetyPlanAgreement.check(SafetyPlanContent(), peerPresent: true, byPeer: true) : errors,
                conflict: nil, status: .unprocessableEntity)
        }
        let seen = Int(form.version ?? "") ?? plan.version
        let agreed = try await SafetyPlanStore.agree(
            request, plan: plan, peer: loaded.access.peer, seenVersion: seen, how: byPeer ? .peer : .inPerson)
        guard agreed else {
            try await auditRead(request, loaded, Self.shownAgain)
            return SafetyPlanView.page(
                request.viewer, loaded: loaded, fields: nil,
                errors: FieldErrors(
                    field: "agree", "The plan changed after this page was opened. Read it again, then mark it as yours if it is."),
                conflict: nil, status: .conflict)
        }
        return request.redirect(to: AppURL.safetyPlan(try loaded.access.relationship.requireID()).path + "?agreed=1", redirectType: .normal)
    }

    static func history(_ request: Request) async throws -> Response {
        let loaded = try await load(request, for: .viewSafetyPlan)
        try await auditRead(request, loaded, "history")
        var versions: [SafetyPlanVersion] = []
        if let plan = loaded.plan { versions = try await SafetyPlanStore.versions(of: plan, on: request.db) }
        let names = try await AccountQueries.names(
            of: versions.map(\.writtenBy), in: loaded.access.relationship.organisationID, on: request.db)
        return SafetyPlanView.history(request.viewer, loaded: loaded, versions: versions, names: names)
    }

    static func card(_ request: Request) async throws -> Response {
        let loaded = try await load(request, for: .viewSafetyPlan)
        try await auditRead(request, loaded, "printable card")
        return SafetyPlanView.card(request.viewer, loaded: loaded)
    }

    static func text(_ request: Request) async throws -> Response {
        let loaded = try await load(request, for: .viewSafetyPlan)
        try await auditRead(request, loaded, "plain text")
        let body = SafetyPlanText.render(
            peerName: loaded.access.peer.preferredName, content: loaded.plan?.sections ?? SafetyPlanContent(),
            crisisLines: loaded.organisation.crisisLines,
            status: SafetyPlanView.statusText(loaded.plan, peer: loaded.access.peer, forPeer: loaded.access.viewerIsPeer))
        // On a phone a bare text file is drawn tiny: the page shows the text at a readable size
        // with a Copy button, and offers the file itself to download.
        guard (try? request.query.get(String.self, at: "download")) == "1" else {
            return SafetyPlanView.textPage(request.viewer, peer: loaded.access.peer, forPeer: loaded.access.viewerIsPeer, text: body)
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"safety-plan.txt\"")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }
}
