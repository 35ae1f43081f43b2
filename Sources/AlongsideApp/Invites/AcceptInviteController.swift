import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// The invited person opens their link, chooses a password, and is signed in.
enum AcceptInviteController {
    struct Form: Content {
        var name: String?
        var password: String?
        var confirmation: String?
        /// For a peer's invite: the code their worker read to them.
        var code: String?
    }

    static func show(_ request: Request) async throws -> Response {
        let invite = try await usableInvite(request)
        try await refuseIfAddressTaken(invite, on: request.db)
        return InviteViews.accept(request.viewer, invite: invite, form: Form(name: invite.displayName), errors: FieldErrors())
    }

    static func submit(_ request: Request) async throws -> Response {
        let invite = try await usableInvite(request)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        var errors = FieldErrors()
        errors.check("name", NameRule.problem(with: form.name ?? "", label: "your name", maxLength: Limits.nameMaxLength))
        request.application.accountPasswords.rule.check(password: form.password ?? "", confirmation: form.confirmation ?? "", into: &errors)
        if invite.peerID != nil { errors.check("code", PeerLinkCode.problem(with: form.code ?? "")) }
        guard errors.isEmpty, let email = EmailAddress(invite.email) else {
            return InviteViews.accept(request.viewer, invite: invite, form: form, errors: errors, status: .unprocessableEntity)
        }
        try await refuseIfAddressTaken(invite, on: request.db)
        if invite.peerID != nil {
            if let problem = try await PeerLinkCheck.problem(invite: invite, code: form.code ?? "", request: request) {
                var errors = FieldErrors()
                errors.add("code", problem)
                var kept = form
                kept.password = nil
                kept.confirmation = nil
                return InviteViews.accept(request.viewer, invite: invite, form: kept, errors: errors, status: .unprocessableEntity)
            }
        }
        let passwordHash = try await request.application.accountPasswords.hash(form.password ?? "")
        let now = request.now
        let accountID: UUID
        do {
            accountID = try await create(
                request, invite: invite, email: email, name: form.name ?? "", passwordHash: passwordHash, now: now)
        } catch let error as PageError {
            throw error
        } catch {
            // Two people accepting invites for one address at once: the second meets the unique email.
            if try await Account.query(on: request.db).filter(\.$email == email.value).first() != nil {
                throw PageError.gone(addressTaken)
            }
            throw error
        }
        return try await SignInController.signIn(
            request, accountID: accountID, organisationID: invite.$organisation.id, next: AppURL.home.path)
    }

    /// The account, its roles and (for a peer) the link to their record, together or not at all.
    private static func create(
        _ request: Request, invite: Invite, email: EmailAddress, name: String, passwordHash: String, now: Date
    ) async throws -> UUID {
        let organisationID = invite.$organisation.id
        let inviteID = try invite.requireID()
        return try await request.db.transaction { db in
            // Claim the invite first: of two people racing with the same link, only one wins.
            let claimed = try await (db as! any SQLDatabase).raw(
                """
                UPDATE invites SET used_at = \(bind: now)
                WHERE id = \(bind: inviteID) AND used_at IS NULL AND withdrawn_at IS NULL
                RETURNING id
                """
            ).all()
            guard !claimed.isEmpty else { throw PageError.gone(InviteStatus.used.explanation) }
            guard try await Account.query(on: db).filter(\.$email == email.value).first() == nil else {
                throw PageError.gone(addressTaken)
            }
            let account = Account(
                organisationID: organisationID, email: email, displayName: name.trimmingWhitespace(),
                passwordHash: passwordHash, createdAt: now)
            try await account.create(on: db)
            let accountID = try account.requireID()
            for role in invite.roleSet.sorted() {
                try await AccountRole(organisationID: organisationID, accountID: accountID, role: role).create(on: db)
            }
            try await (db as! any SQLDatabase).update("invites").set("account_id", to: SQLBind(accountID))
                .where("id", .equal, SQLBind(inviteID)).run()
            if let peerID = invite.peerID {
                // Only a record nobody has claimed yet: one peer, one login. If it was claimed in
                // the meantime, nothing of this invite is kept (no login without its record).
                let linked = try await (db as! any SQLDatabase).raw(
                    """
                    UPDATE peers SET account_id = \(bind: accountID)
                    WHERE id = \(bind: peerID) AND organisation_id = \(bind: organisationID) AND account_id IS NULL
                    RETURNING id
                    """
                ).all()
                guard linked.count == 1 else {
                    throw PageError.gone("Your record already has its own login. If you can't use it, talk to your peer worker.")
                }
                // The second person: every coordinator hears that a login now opens this record.
                let coordinators = try await AccountQueries.holders(of: [.coordinator], in: organisationID, on: db)
                let inviter = try await AccountQueries.names(of: [invite.invitedBy], in: organisationID, on: db)[invite.invitedBy]
                // It links to the record it is about: where a coordinator releases the login, and how an erasure finds it.
                let relationship = try await Relationship.query(on: db).filter(\.$peerID == peerID)
                    .filter(\.$organisationID == organisationID).sort(\.$startedAt, .descending).first()
                try await InboxNotification.send(
                    to: coordinators, in: organisationID, kind: .peerLinked,
                    message:
                        "\(invite.displayName)'s record is now opened by the login \(email.value), from \(inviter ?? "their peer worker")'s invite. If that isn't them, release it.",
                    link: relationship?.id.map(AppURL.relationship) ?? .home, at: now, on: db)
            }
            try await request.audit(on: db).append(
                .init(
                    organisationID: organisationID, actorID: accountID, action: Action.acceptInvite.rawValue, targetKind: "invite",
                    targetID: inviteID.uuidString, outcome: .success, detail: "account created with roles " + invite.roles))
            return accountID
        }
    }

    static let addressTaken =
        "This email address already has an Alongside login, with this service or another one, so this invite can't make a second. Sign in with that login, or ask whoever invited you to invite another address."

    /// Said only to whoever holds the link: the invite itself never told the inviter.
    private static func refuseIfAddressTaken(_ invite: Invite, on database: any Database) async throws {
        if try await Account.query(on: database).filter(\.$email == invite.email).first() != nil {
            throw PageError.gone(addressTaken)
        }
    }

    private static func usableInvite(_ request: Request) async throws -> Invite {
        let token = request.parameters.get("token") ?? ""
        guard let invite = try await InviteQueries.find(token: token, on: request.db) else {
            throw PageError(
                status: .notFound, title: "This invite link isn't valid",
                message: "Check that you copied the whole link from your invite. If it still doesn't work, ask your admin for a new one.")
        }
        let status = invite.status(now: request.now)
        guard status == .usable else {
            try await request.audit.record(
                request, action: Action.acceptInvite.rawValue, target: "invite",
                targetID: invite.id?.uuidString, outcome: .denied, detail: "invite \(status)",
                organisationID: invite.$organisation.id)
            throw PageError.gone(status.explanation)
        }
        return invite
    }
}
