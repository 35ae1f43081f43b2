import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// Concern conversations: recorded by the worker as an agreement with the peer, readable by the
/// peer, and by the worker's supervisor. In imminent danger, an escalation records who was
/// contacted, tells the supervisor at once, and sets a follow-up.
enum ConcernController {
    struct Form: Content {
        var noticed: String?
        var peerWants: String?
        var peerWillDo: String?
        var workerWillDo: String?
        var talkAgainOn: String?
        var met: String?
        var contacted: String?
        var contactedAt: String?
        var why: String?
        var followUp: String?
        var closingNote: String?
    }

    struct Loaded {
        let concern: ConcernRecord
        let relationship: Relationship
        let peer: Peer
        let viewerIsPeer: Bool
        let supervisors: Set<UUID>
        let ended: Bool
        let opened: RecordDoor.Opened
    }

    static func new(_ request: Request) async throws -> Response {
        let access = try await RecordDoor.relationship(request, for: .recordConcern, category: .concernRecords)
        return try await newPage(request, access, form: Form(), errors: FieldErrors())
    }

    private static func newPage(
        _ request: Request, _ access: RecordDoor.Opened, form: Form, errors: FieldErrors, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let organisation = try await Organisation.find(access.relationship.organisationID, on: request.db)
        return ConcernViews.new(
            request.viewer, access: access, policy: organisation?.dangerPolicyText ?? SafetySettings.defaultDangerPolicy, form: form,
            errors: errors, status: status)
    }

    static func create(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let access = try await RecordDoor.relationship(request, for: .recordConcern, category: .concernRecords)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        let raw = ConcernDraft.Raw(
            noticed: form.noticed, peerWants: form.peerWants, peerWillDo: form.peerWillDo, workerWillDo: form.workerWillDo,
            talkAgainOn: form.talkAgainOn)
        switch ConcernDraft.parse(raw, now: request.now) {
        case .failure(let errors):
            return try await newPage(request, access, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let draft):
            let concern = try ConcernRecord(relationship: access.relationship, draft: draft, by: actor.accountID, at: request.now)
            try await request.db.transaction { db in
                try await concern.create(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.recordConcern.rawValue, target: "concern", targetID: concern.id?.uuidString, outcome: .success)
                if let peerAccount = access.peer.accountID {
                    try await InboxNotification(
                        organisationID: concern.organisationID, to: peerAccount, kind: .concernRecorded,
                        message: "\(request.signedIn?.displayName ?? "Your peer worker") wrote down what you agreed together.",
                        link: .concern(try concern.requireID()), at: request.now
                    ).create(on: db)
                }
            }
            return request.redirect(to: AppURL.concern(try concern.requireID()).path + "?recorded=1", redirectType: .normal)
        }
    }

    static func load(_ request: Request, for action: Action) async throws -> Loaded {
        let actor = try request.requireActor()
        let raw = request.parameters.get("concernID") ?? ""
        guard let id = UUID(uuidString: raw),
            let concern = try await ConcernRecord.query(on: request.db).filter(\.$id == id)
                .filter(\.$organisationID == actor.organisationID).first()
        else {
            try await request.audit.record(
                request, action: action.rawValue, target: "concern", targetID: String(raw.prefix(64)), outcome: .denied,
                detail: "no such concern in this organisation")
            throw PageError.notFound
        }
        let opened = try await RecordDoor.relationship(
            request, raw: raw, id: concern.relationshipID, for: action, category: .concernRecords, target: "concern")
        // An escalation tells the worker's supervisors, whoever is asking: the door reads them only for a supervisor.
        let supervisors =
            actor.holds(.supervisor)
            ? opened.supervisors
            : try await SupervisionQueries.supervisors(of: opened.relationship.workerID, in: actor.organisationID, on: request.db)
        return Loaded(
            concern: concern, relationship: opened.relationship, peer: opened.peer, viewerIsPeer: opened.viewerIsPeer,
            supervisors: supervisors, ended: opened.ended, opened: opened)
    }

    static func show(_ request: Request) async throws -> Response {
        let loaded = try await load(request, for: .viewConcern)
        try await ReadTrail.note(request, loaded.opened, .viewConcern, target: "concern", targetID: loaded.concern.id)
        return try await page(request, loaded, form: Form(), errors: FieldErrors())
    }

    static func page(
        _ request: Request, _ loaded: Loaded, form: Form, errors: FieldErrors, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        if status != .ok {
            // Shown again with a problem, the page still shows the whole concern: a read like any other.
            try await ReadTrail.note(
                request, loaded.opened, .viewConcern, target: "concern", targetID: loaded.concern.id, detail: "shown again with a problem")
        }
        let escalation = try await ConcernQueries.escalation(of: loaded.concern, on: request.db)
        let organisation = try await Organisation.find(loaded.concern.organisationID, on: request.db)
        var people: [UUID] = [loaded.concern.workerID]
        if let escalation { people += [escalation.recordedBy] + (escalation.followedUpBy.map { [$0] } ?? []) }
        if let closedBy = loaded.concern.closedBy { people.append(closedBy) }
        let names = try await AccountQueries.names(of: people, in: loaded.concern.organisationID, on: request.db)
        return ConcernViews.show(
            request.viewer, loaded: loaded, escalation: escalation,
            policy: organisation?.dangerPolicyText ?? SafetySettings.defaultDangerPolicy, names: names, form: form, errors: errors,
            status: status)
    }

    static func escalate(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let loaded = try await load(request, for: .escalateConcern)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        if try await ConcernQueries.escalation(of: loaded.concern, on: request.db) != nil {
            return try await page(
                request, loaded, form: form, errors: FieldErrors(field: "met", "This concern has already been escalated."),
                status: .conflict)
        }
        switch EscalationDraft.parse(
            met: form.met == "on", contacted: form.contacted, contactedAt: form.contactedAt, why: form.why,
            concernOpened: loaded.concern.openedAt, now: request.now)
        {
        case .failure(let errors):
            return try await page(request, loaded, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let draft):
            let escalation = try EscalationRecord(concern: loaded.concern, draft: draft, by: actor.accountID, at: request.now)
            // Only supervisors who are still here and still supervise: an escalation must reach a
            // person, so if none is left it goes to the coordinators.
            let supervisors = Set(
                try await AccountQueries.list(in: loaded.concern.organisationID, on: request.db)
                    .filter { loaded.supervisors.contains($0.id) && $0.isActive && $0.roles.contains(.supervisor) }.map(\.id))
            let coordinators =
                supervisors.isEmpty
                ? try await ConcernQueries.coordinators(in: loaded.concern.organisationID, on: request.db) : []
            let worker = request.signedIn?.displayName ?? "A peer worker"
            let concernID = try loaded.concern.requireID()
            do {
                try await request.db.transaction { db in
                    try await escalation.create(on: db)
                    try await request.audit(on: db).record(
                        request, action: Action.escalateConcern.rawValue, target: "concern", targetID: concernID.uuidString,
                        outcome: .success,
                        detail: supervisors.isEmpty
                            ? "no supervisor linked; \(coordinators.count) coordinators told" : "\(supervisors.count) supervisors told")
                    try await InboxNotification.send(
                        to: supervisors, in: loaded.concern.organisationID, kind: .escalation,
                        message:
                            "\(worker) escalated a concern about \(Initials.of(loaded.peer.preferredName)) under the imminent-danger policy. A follow-up is due by \(DateText.long(draft.followUpDue)).",
                        link: .concern(concernID), at: request.now, on: db)
                    // Coordinators can't read the concern: they are asked to find the worker a supervisor and talk to them.
                    try await InboxNotification.send(
                        to: coordinators, in: loaded.concern.organisationID, kind: .escalation,
                        message:
                            "\(worker) escalated a concern under the imminent-danger policy and has no supervisor linked. Please talk with them, and link a supervisor.",
                        link: .supervisionLinks, at: request.now, on: db)
                    // Outside the app, only that something is waiting and where: never what or who.
                    try await Outbox.queue(
                        .escalation, to: supervisors, in: loaded.concern.organisationID, link: .concern(concernID),
                        application: request.application, at: request.now, on: db)
                    try await Outbox.queue(
                        .escalation, to: coordinators, in: loaded.concern.organisationID, link: .supervisionLinks,
                        application: request.application, at: request.now, on: db)
                }
            } catch let error as any DatabaseError where error.isConstraintFailure {
                return try await page(
                    request, loaded, form: form, errors: FieldErrors(field: "met", "This concern has already been escalated."),
                    status: .conflict)
            }
            return request.redirect(to: AppURL.concern(concernID).path + "?escalated=1", redirectType: .normal)
        }
    }

    static func followUp(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let loaded = try await load(request, for: .escalateConcern)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        guard let escalation = try await ConcernQueries.escalation(of: loaded.concern, on: request.db), escalation.followedUpAt == nil
        else {
            return try await page(
                request, loaded, form: form, errors: FieldErrors(field: "followUp", "There's no follow-up waiting on this concern."),
                status: .conflict)
        }
        switch PlanText.parse(
            form.followUp, field: "followUp", empty: "Say how the follow-up went: who you talked with and how things are.",
            limit: EscalationDraft.textLimit)
        {
        case .failure(let errors):
            return try await page(request, loaded, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let note):
            let written = try await writeOnce(
                request, loaded, EscalationRecord.schema, id: try escalation.requireID(), whileEmpty: "followed_up_at",
                action: .escalateConcern, detail: "followed up"
            ) {
                $0.set("followed_up_at", to: SQLBind(request.now)).set("followed_up_by", to: SQLBind(actor.accountID))
                    .set("follow_up_note", to: SQLBind.sealed(note))
            }
            guard written else {
                return try await page(
                    request, loaded, form: form,
                    errors: FieldErrors(field: "followUp", "Someone recorded the follow-up while you were writing. Yours is kept below."),
                    status: .conflict)
            }
            return request.redirect(to: AppURL.concern(try loaded.concern.requireID()).path + "?followedUp=1", redirectType: .normal)
        }
    }

    static func close(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let loaded = try await load(request, for: .recordConcern)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        guard loaded.concern.isOpen else {
            return try await page(
                request, loaded, form: form, errors: FieldErrors(field: "closingNote", "This concern is already closed."),
                status: .conflict)
        }
        let note = PlanText.clean(form.closingNote)
        if let problem = PlanText.tooLong(note, limit: ConcernDraft.textLimit) {
            return try await page(
                request, loaded, form: form, errors: FieldErrors(field: "closingNote", problem), status: .unprocessableEntity)
        }
        let written = try await writeOnce(
            request, loaded, ConcernRecord.schema, id: try loaded.concern.requireID(), whileEmpty: "closed_at",
            action: .recordConcern, detail: "closed"
        ) {
            $0.set("closed_at", to: SQLBind(request.now)).set("closed_by", to: SQLBind(actor.accountID))
                .set("closing_note", to: SQLBind.sealed(note))
        }
        guard written else {
            return try await page(
                request, try await load(request, for: .recordConcern), form: form,
                errors: FieldErrors(field: "closingNote", "This concern was closed while you were writing. Your note is kept below."),
                status: .conflict)
        }
        return request.redirect(to: AppURL.concern(try loaded.concern.requireID()).path + "?closed=1", redirectType: .normal)
    }

    /// Writes a part of the concern that is written once (the follow-up, the closing) with its
    /// audit entry; false, with nothing written, when someone else wrote it first.
    private static func writeOnce(
        _ request: Request, _ loaded: Loaded, _ table: String, id: UUID, whileEmpty column: String, action: Action, detail: String,
        _ set: @escaping @Sendable (SQLUpdateBuilder) -> SQLUpdateBuilder
    ) async throws -> Bool {
        do {
            try await request.db.transaction { db in
                try await WriteOnce.apply(table, id: id, organisationID: loaded.concern.organisationID, whileEmpty: column, on: db, set)
                try await request.audit(on: db).record(
                    request, action: action.rawValue, target: "concern", targetID: loaded.concern.id?.uuidString, outcome: .success,
                    detail: detail)
            }
            return true
        } catch is WriteOnce.AlreadyWritten {
            return false
        }
    }
}
