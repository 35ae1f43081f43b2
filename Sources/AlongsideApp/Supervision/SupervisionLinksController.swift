import AlongsideDomain
import Fluent
import Vapor

/// Coordinators arrange who supervises whom. Ending a link keeps it, so it is always known who
/// could read what, and when.
enum SupervisionLinksController {
    struct Form: Content {
        var supervisor: String?
        var worker: String?
    }

    struct People {
        let supervisors: [(id: UUID, name: String)]
        let workers: [(id: UUID, name: String)]
        let names: [UUID: String]
    }

    static func people(_ organisationID: UUID, on database: any Database) async throws -> People {
        let accounts = try await AccountQueries.list(in: organisationID, on: database).filter(\.isActive)
        return People(
            supervisors: accounts.filter { $0.roles.contains(.supervisor) }.map { ($0.id, $0.displayName) },
            workers: accounts.filter { $0.roles.contains(.peerWorker) }.map { ($0.id, $0.displayName) },
            names: Dictionary(uniqueKeysWithValues: accounts.map { ($0.id, $0.displayName) }))
    }

    static func list(_ request: Request) async throws -> Response {
        try await page(request, form: Form(), errors: FieldErrors())
    }

    static func page(_ request: Request, form: Form, errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = try request.requireActor()
        let links = try await SupervisionQueries.activeLinks(in: actor.organisationID, on: request.db)
        let everyone = try await AccountQueries.names(
            of: links.flatMap { [$0.supervisorID, $0.workerID] }, in: actor.organisationID, on: request.db)
        return SupervisionLinksView.render(
            request.viewer, links: links, names: everyone, people: try await people(actor.organisationID, on: request.db), form: form,
            errors: errors, status: status)
    }

    static func create(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let form = (try? request.content.decode(Form.self)) ?? Form()
        let people = try await people(actor.organisationID, on: request.db)
        let existing = try await SupervisionQueries.activeLinks(in: actor.organisationID, on: request.db)
        switch SupervisionAssignment.parse(
            supervisor: form.supervisor, worker: form.worker, supervisors: Set(people.supervisors.map(\.id)),
            workers: Set(people.workers.map(\.id)), existing: existing.map { ($0.supervisorID, $0.workerID) },
            linkedBy: actor.accountID)
        {
        case .failure(let errors):
            return try await page(request, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let assignment):
            let link = SupervisionLink(
                organisationID: actor.organisationID, supervisorID: assignment.supervisorID, workerID: assignment.workerID,
                startedAt: request.now, startedBy: actor.accountID)
            try await request.db.transaction { db in
                try await link.create(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.manageSupervision.rawValue, target: "supervisionLink", targetID: link.id?.uuidString,
                    outcome: .success,
                    detail: "\(assignment.supervisorID.uuidString.lowercased()) supervises \(assignment.workerID.uuidString.lowercased())")
            }
            return request.redirect(to: AppURL.supervisionLinks.path + "?done=linked", redirectType: .normal)
        }
    }

    static func end(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let raw = request.parameters.get("linkID") ?? ""
        guard let id = UUID(uuidString: raw),
            let link = try await SupervisionLink.query(on: request.db).filter(\.$id == id)
                .filter(\.$organisationID == actor.organisationID).first()
        else {
            try await request.audit.record(
                request, action: Action.manageSupervision.rawValue, target: "supervisionLink", targetID: String(raw.prefix(64)),
                outcome: .denied, detail: "no such link in this organisation")
            throw PageError.notFound
        }
        if link.endedAt == nil {
            link.endedAt = request.now
            link.endedBy = actor.accountID
            try await request.db.transaction { db in
                try await link.save(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.manageSupervision.rawValue, target: "supervisionLink", targetID: id.uuidString,
                    outcome: .success, detail: "ended")
            }
        }
        return request.redirect(to: AppURL.supervisionLinks.path + "?done=ended", redirectType: .normal)
    }
}
