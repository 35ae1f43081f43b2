import AlongsideDomain
import Fluent
import Vapor

/// A peer's own consents, in the portal: who can read which part of their record, until when;
/// giving one, revoking one (it holds no longer from the very next request), the history of
/// them all, and which reads should tell them in their inbox. A peer worker may write down a
/// consent the peer gave them in person or by phone.
enum SharingController {
    struct Form: Content {
        var audience: String?
        var clinician: String?
        var categories: [String]?
        var purpose: String?
        var from: String?
        var until: String?
        var method: String?

        var raw: ConsentForm.Raw {
            ConsentForm.Raw(
                audience: audience, clinician: clinician, categories: categories ?? [], purpose: purpose, from: from, until: until,
                method: method)
        }
    }

    struct AlertsForm: Content {
        var alerts: [String]?
    }

    /// The peer asking, with their record: a login not joined to a record has no consents to give.
    private static func ownPeer(_ request: Request, for action: Action) async throws -> Peer? {
        let actor = try request.requireActor()
        guard let peer = try await PortalQueries.peer(of: actor.accountID, in: actor.organisationID, on: request.db) else { return nil }
        try await request.authorize(action, peer.resource(.accountDetails))
        return peer
    }

    static func show(_ request: Request) async throws -> Response {
        guard let peer = try await ownPeer(request, for: .manageOwnConsents) else { return PortalViews.notLinked(request.viewer) }
        try await request.audit.record(
            request, action: Action.manageOwnConsents.rawValue, target: "peer", targetID: peer.id?.uuidString, outcome: .success,
            detail: "read")
        let notice: String? =
            switch try? request.query.get(String.self, at: "done") {
            case "given": "Saved. It holds from now."
            case "revoked": "Revoked. From now on they can't read it."
            case "alerts": "Saved. You'll hear about the reads you chose."
            default: nil
            }
        return try await page(request, peer: peer, form: Form(), errors: FieldErrors(), notice: notice)
    }

    static func give(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        guard let peer = try await ownPeer(request, for: .manageOwnConsents) else { return PortalViews.notLinked(request.viewer) }
        var form = (try? request.content.decode(Form.self)) ?? Form()
        form.method = ConsentMethod.portal.rawValue
        let clinicians = try await ConsentQueries.clinicians(in: peer.organisationID, on: request.db)
        switch ConsentForm.parse(form.raw, clinicians: Set(clinicians.map(\.id)), methods: [.portal], now: request.now) {
        case .failure(let errors):
            return try await page(request, peer: peer, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let draft):
            _ = try await ConsentStore.give(request, peer: peer, draft: draft, by: actor.accountID)
            return request.redirect(to: AppURL.sharing.path + "?done=given", redirectType: .normal)
        }
    }

    static func revoke(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        guard let peer = try await ownPeer(request, for: .manageOwnConsents) else { return PortalViews.notLinked(request.viewer) }
        guard let id = UUID(uuidString: request.parameters.get("consentID") ?? ""),
            try await ConsentStore.revoke(request, peer: peer, consentID: id, by: actor.accountID)
        else {
            // Already revoked (a second tap, another tab) or never theirs: the page shows how things stand.
            try await request.audit.record(
                request, action: Action.manageOwnConsents.rawValue, target: "consent",
                targetID: String((request.parameters.get("consentID") ?? "").prefix(64)), outcome: .denied,
                detail: "no such consent in force for this peer")
            throw PageError.notFound
        }
        return request.redirect(to: AppURL.sharing.path + "?done=revoked", redirectType: .normal)
    }

    static func alerts(_ request: Request) async throws -> Response {
        guard let peer = try await ownPeer(request, for: .viewWhoLooked) else { return PortalViews.notLinked(request.viewer) }
        let form = (try? request.content.decode(AlertsForm.self)) ?? AlertsForm()
        let chosen = (form.alerts ?? []).compactMap(InformationCategory.init(rawValue:)).filter(InformationCategory.shareable.contains)
        guard chosen.count == (form.alerts ?? []).count else {
            return try await page(
                request, peer: peer, form: Form(),
                errors: FieldErrors(field: "alerts", "One of the choices isn't part of your record. Choose from the list."),
                status: .unprocessableEntity)
        }
        peer.readAlertCategories = Set(chosen)
        try await request.db.transaction { db in
            try await peer.save(on: db)
            try await request.audit(on: db).record(
                request, action: Action.viewWhoLooked.rawValue, target: "peer", targetID: peer.id?.uuidString, outcome: .success,
                detail: "alerts: \(peer.readAlerts)")
        }
        return request.redirect(to: AppURL.sharing.path + "?done=alerts", redirectType: .normal)
    }

    private static func page(
        _ request: Request, peer: Peer, form: Form, errors: FieldErrors, notice: String? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let records = try await ConsentQueries.records(of: peer, on: request.db)
        let clinicians = try await ConsentQueries.clinicians(in: peer.organisationID, on: request.db)
        let names = try await AccountQueries.names(
            of: Set(records.compactMap(\.granteeID) + records.map(\.recordedBy)), in: peer.organisationID, on: request.db)
        return SharingViews.portal(
            request.viewer, peer: peer, consents: records.map(\.provision), clinicians: clinicians, names: names, form: form,
            errors: errors,
            notice: notice, status: status)
    }

    // MARK: a peer worker writing down a consent given in person or by phone

    static func recordForm(_ request: Request) async throws -> Response {
        let opened = try await RecordDoor.relationship(request, for: .recordConsent, category: .profile)
        return try await workerPage(request, opened, form: Form(), errors: FieldErrors())
    }

    static func record(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let opened = try await RecordDoor.relationship(request, for: .recordConsent, category: .profile)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        let clinicians = try await ConsentQueries.clinicians(in: opened.peer.organisationID, on: request.db)
        switch ConsentForm.parse(form.raw, clinicians: Set(clinicians.map(\.id)), methods: [.inPerson, .phone], now: request.now) {
        case .failure(let errors):
            return try await workerPage(request, opened, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let draft):
            _ = try await ConsentStore.give(request, peer: opened.peer, draft: draft, by: actor.accountID)
            return request.redirect(
                to: AppURL.relationshipConsents(try opened.relationship.requireID()).path + "?done=given", redirectType: .normal)
        }
    }

    private static func workerPage(
        _ request: Request, _ opened: RecordDoor.Opened, form: Form, errors: FieldErrors, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let records = try await ConsentQueries.records(of: opened.peer, on: request.db)
        let clinicians = try await ConsentQueries.clinicians(in: opened.peer.organisationID, on: request.db)
        let names = try await AccountQueries.names(
            of: Set(records.compactMap(\.granteeID) + records.map(\.recordedBy)), in: opened.peer.organisationID, on: request.db)
        let given = (try? request.query.get(String.self, at: "done")) == "given"
        return SharingViews.worker(
            request.viewer, opened: opened, consents: records.map(\.provision), clinicians: clinicians, names: names, form: form,
            errors: errors,
            notice: given
                ? "Written down. It holds from now, and \(opened.peer.preferredName) can see and revoke it in their portal." : nil,
            status: status)
    }
}
