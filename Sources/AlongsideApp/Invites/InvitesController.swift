import AlongsideDomain
import Fluent
import Vapor

/// An admin invites someone with a one-time link; the link is shown once and only its hash is kept.
enum InvitesController {
    struct Form: Content {
        var name: String?
        var email: String?
        var roles: [String]?
    }

    static func new(_ request: Request) async throws -> Response {
        InviteViews.new(request.viewer, form: Form(), errors: FieldErrors())
    }

    static func create(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let form = (try? request.content.decode(Form.self)) ?? Form()
        var errors = FieldErrors()
        errors.check("name", NameRule.problem(with: form.name ?? "", label: "their name", maxLength: Limits.nameMaxLength))
        errors.check("email", EmailAddress.problem(with: form.email ?? ""))
        let requested = form.roles ?? []
        let roles = Set(requested.compactMap(Role.init(rawValue:)))
        if roles.count != requested.count { errors.add("roles", "One of those roles isn't one Alongside knows. Choose from the list.") }
        if roles.isEmpty { errors.add("roles", "Choose at least one role for them.") }
        // Only this organisation's own people are checked: whether an address has a login with
        // another service is never said here. Whoever holds the link is told, if it matters.
        if let email = EmailAddress(form.email ?? ""),
            try await Account.query(on: request.db).filter(\.$email == email.value)
                .filter(\.$organisation.$id == actor.organisationID).first() != nil
        {
            errors.add("email", "Someone in this service already signs in with this address.")
        }
        guard errors.isEmpty, let email = EmailAddress(form.email ?? "") else {
            return InviteViews.new(request.viewer, form: form, errors: errors, status: .unprocessableEntity)
        }
        let token = SecretToken.generate()
        let now = request.now
        let invite = Invite(
            organisationID: actor.organisationID, email: email, displayName: (form.name ?? "").trimmingWhitespace(),
            roles: roles, tokenHash: SecretToken.hash(token), invitedBy: actor.accountID, createdAt: now,
            expiresAt: now.addingTimeInterval(request.application.settings.security.inviteLifetime))
        try await request.db.transaction { db in
            // A newer invite replaces any earlier one still waiting for the same address.
            for earlier in try await InviteQueries.pending(in: actor.organisationID, on: db, now: now) where earlier.email == email.value {
                earlier.withdrawnAt = now
                try await earlier.save(on: db)
            }
            try await invite.create(on: db)
            try await request.audit(on: db).record(
                request, action: Action.inviteAccount.rawValue, target: "invite",
                targetID: invite.id?.uuidString, outcome: .success,
                detail: "roles " + Invite.encode(roles))
            try await RoleAnnouncement.send(
                granted: roles, to: invite.displayName + " (invited)", by: actor, at: now, on: db, link: .accounts)
            try await Outbox.queue(
                .invite, toAddress: invite.email, accountID: nil, in: actor.organisationID, link: absoluteLink(request, token: token),
                validFor: "until \(DateText.long(invite.expiresAt))", application: request.application, at: now, on: db)
        }
        return InviteViews.created(
            request.viewer, invite: invite, link: absoluteLink(request, token: token), emailed: request.application.settings.mail != nil)
    }

    static func withdraw(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let raw = request.parameters.get("inviteID") ?? ""
        guard let id = UUID(uuidString: raw),
            let invite = try await Invite.query(on: request.db).filter(\.$id == id)
                .filter(\.$organisation.$id == actor.organisationID).first()
        else {
            try await request.audit.record(
                request, action: Action.withdrawInvite.rawValue, target: "invite",
                targetID: String(raw.prefix(64)), outcome: .denied, detail: "no such invite in this organisation")
            throw PageError.notFound
        }
        if invite.status(now: request.now) == .usable {
            invite.withdrawnAt = request.now
            try await request.db.transaction { db in
                try await invite.save(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.withdrawInvite.rawValue, target: "invite",
                    targetID: id.uuidString, outcome: .success)
            }
        }
        return request.redirect(to: AppURL.accounts.path, redirectType: .normal)
    }

    static func absoluteLink(_ request: Request, token: String) -> String {
        request.absoluteURL(.acceptInvite(token: token))
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
