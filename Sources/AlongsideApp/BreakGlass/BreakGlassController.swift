import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// In an emergency a staff member may open a peer's record beyond consent: only with a reason and
/// their second factor again, for a limited time, with the peer and the coordinators told at once,
/// and a coordinator reviewing it by a due date.
enum BreakGlassController {
    struct Form: Content {
        var find: String?
        var peer: String?
        var reason: String?
        var words: String?
        var code: String?
    }

    static func show(_ request: Request) async throws -> Response {
        let form = (try? request.query.decode(Form.self)) ?? Form()
        return try await page(request, form: form, errors: FieldErrors())
    }

    static func open(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let form = (try? request.content.decode(Form.self)) ?? Form()
        guard let account = try await AccountQueries.find(actor.accountID, in: actor.organisationID, on: request.db),
            let organisation = try await Organisation.find(actor.organisationID, on: request.db)
        else { throw PageError.notFound }
        var errors = FieldErrors()
        let peer =
            try await form.peer.flatMap(UUID.init(uuidString:)).asyncMap { id in
                try await Peer.query(on: request.db).filter(\.$id == id).filter(\.$organisationID == actor.organisationID).first()
            } ?? nil
        if peer == nil { errors.add("peer", "Find the peer and choose them from the list.") }
        var draft: BreakGlassDraft?
        switch BreakGlassForm.parse(reason: form.reason, words: form.words) {
        case .failure(let problems): errors.merge(problems)
        case .success(let value): draft = value
        }
        var typed: SecondFactorRules.Typed?
        if account.totpEnabledAt == nil {
            errors.add("code", "An emergency opening needs your second factor. Set it up first, from Second factor in the menu.")
        } else {
            switch SecondFactorRules.read(form.code) {
            case .failure(let problems): errors.merge(problems)
            case .success(let value): typed = value
            }
        }
        guard errors.isEmpty, let peer, let draft, let typed else {
            return try await page(request, form: form, errors: errors, status: .unprocessableEntity)
        }
        // The code is checked last, so a form with another problem doesn't use it up.
        let check = try await SecondFactorStore.check(
            typed, for: account, cipher: FieldCipher.shared, now: request.now, on: request.db)
        guard check == .accepted else {
            try await request.audit.record(
                request, action: Action.breakGlass.rawValue, target: "peer", targetID: peer.id?.uuidString, outcome: .denied,
                detail: "second factor refused: \(check)")
            return try await page(
                request, form: form, errors: FieldErrors(field: "code", SecondFactorController.message(check)), status: .unprocessableEntity
            )
        }
        let record = try BreakGlassRecord(
            peer: peer, by: actor.accountID, draft: draft, at: request.now, minutes: organisation.breakGlassMinutes,
            reviewDays: organisation.breakGlassReviewDays)
        let coordinators = try await AccountQueries.holders(of: [.coordinator], in: actor.organisationID, on: request.db)
        let name = request.signedIn?.displayName ?? "Someone"
        try await request.db.transaction { db in
            try await record.create(on: db)
            try await request.audit(on: db).record(
                request, action: Action.breakGlass.rawValue, target: "peer", targetID: peer.id?.uuidString, outcome: .success,
                detail: "\(record.reasonKind), until \(Int(record.expiresAt.timeIntervalSince1970))")
            if let peerAccount = peer.accountID {
                try await InboxNotification(
                    organisationID: peer.organisationID, to: peerAccount, kind: .recordRead,
                    message: "\(name) opened your record in an emergency: \(record.reasonWords). A coordinator will review it.",
                    link: .whoLooked, at: request.now
                ).create(on: db)
            }
            try await InboxNotification.send(
                to: coordinators.subtracting([actor.accountID]), in: actor.organisationID, kind: .recordRead,
                message: "\(name) opened a peer's record in an emergency. It waits for your review.", link: .breakGlassReviews,
                at: request.now, on: db)
        }
        return request.redirect(to: AppURL.sharedRecord(try peer.requireID()).path, redirectType: .normal)
    }

    private static func page(_ request: Request, form: Form, errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let actor = try request.requireActor()
        var matches: [(id: UUID, name: String)] = []
        var searchError: String?
        switch SearchKey.query(form.find) {
        case .failure(let problems): searchError = problems["q"]
        case .success(let folded):
            if let folded {
                // Someone who can't look peers up otherwise (a partner clinician) finds only the
                // name they already know, whole: this is no way to list the service's peers.
                let match: SearchKey.Match = AccessPolicy.decide(request.principal, .searchPeers).isAllowed ? .anywhere : .wholeName
                matches = Array(
                    try await SearchQueries.candidates(
                        folded, match: match, workerID: nil, in: actor.organisationID, on: request.db as! any SQLDatabase,
                        limit: SearchQueries.candidateLimit
                    ).prefix(10))
                try await request.audit.record(
                    request, action: Action.breakGlass.rawValue, target: "peers", outcome: .success,
                    detail: "looked for a peer to open, \(matches.count) found")
            }
        }
        if let chosen = form.peer.flatMap(UUID.init(uuidString:)), !matches.contains(where: { $0.id == chosen }),
            let peer = try await Peer.query(on: request.db).filter(\.$id == chosen).filter(\.$organisationID == actor.organisationID)
                .first()
        {
            matches.insert((chosen, peer.preferredName), at: 0)
        }
        let organisation = try await Organisation.find(actor.organisationID, on: request.db)
        return BreakGlassViews.open(
            request.viewer, form: form, matches: matches, searchError: searchError, minutes: organisation?.breakGlassMinutes ?? 60,
            errors: errors, status: status)
    }

    // MARK: the coordinators' review queue

    struct Review: Content {
        var outcome: String?
        var note: String?
    }

    static func reviews(_ request: Request) async throws -> Response {
        try await reviewPage(request, errors: [:], forms: [:])
    }

    private static func reviewPage(
        _ request: Request, errors: [UUID: FieldErrors], forms: [UUID: Review], status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try request.requireActor()
        let records = try await BreakGlassRecord.query(on: request.db).filter(\.$organisationID == actor.organisationID)
            .sort(\.$openedAt, .descending).limit(200).all()
        let names = try await AccountQueries.names(
            of: records.map(\.openedBy) + records.compactMap(\.reviewedBy), in: actor.organisationID, on: request.db)
        let peers = try await Peer.query(on: request.db).filter(\.$organisationID == actor.organisationID)
            .filter(\.$id ~~ Array(Set(records.map(\.peerID)))).all()
        let peerNames = Dictionary(uniqueKeysWithValues: peers.compactMap { peer in peer.id.map { ($0, peer.preferredName) } })
        try await request.audit.record(
            request, action: Action.reviewBreakGlass.rawValue, target: "breakGlass", outcome: .success, detail: "read")
        let done = (try? request.query.get(String.self, at: "done")) == "1"
        return BreakGlassViews.reviews(
            request.viewer, records: records, names: names, peerNames: peerNames, errors: errors, forms: forms,
            notice: done ? "Reviewed. The review is kept with the opening." : nil, status: status)
    }

    static func review(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let form = (try? request.content.decode(Review.self)) ?? Review()
        guard let id = UUID(uuidString: request.parameters.get("breakGlassID") ?? ""),
            try await BreakGlassRecord.query(on: request.db).filter(\.$id == id).filter(\.$organisationID == actor.organisationID)
                .filter(\.$reviewedAt == nil).filter(\.$openedBy != actor.accountID).first() != nil
        else {
            try await request.audit.record(
                request, action: Action.reviewBreakGlass.rawValue, target: "breakGlass",
                targetID: String((request.parameters.get("breakGlassID") ?? "").prefix(64)), outcome: .denied,
                detail: "no opening waiting for review with this id")
            throw PageError.notFound
        }
        switch BreakGlassForm.review(outcome: form.outcome, note: form.note) {
        case .failure(let errors):
            return try await reviewPage(request, errors: [id: errors], forms: [id: form], status: .unprocessableEntity)
        case .success(let (outcome, note)):
            let reviewed = try await request.db.transaction { db -> Bool in
                // One coordinator's review stands: a second, racing, finds it already done.
                let row = try await (db as! any SQLDatabase).raw(
                    """
                    UPDATE break_glass SET reviewed_by = \(bind: actor.accountID), reviewed_at = \(bind: request.now),
                        review_outcome = \(bind: outcome.rawValue), review_note = \(SQLBind.sealed(note))
                    WHERE id = \(bind: id) AND organisation_id = \(bind: actor.organisationID) AND reviewed_at IS NULL
                        AND opened_by <> \(bind: actor.accountID)
                    RETURNING id
                    """
                ).first()
                guard row != nil else { return false }
                try await request.audit(on: db).record(
                    request, action: Action.reviewBreakGlass.rawValue, target: "breakGlass", targetID: id.uuidString, outcome: .success,
                    detail: outcome.rawValue)
                return true
            }
            guard reviewed else { throw PageError.notFound }
            return request.redirect(to: AppURL.breakGlassReviews.path + "?done=1", redirectType: .normal)
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
