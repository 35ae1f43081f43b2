import AlongsideDomain
import Fluent
import Vapor

/// Admin screens: the people in the organisation, their roles, deactivation and reactivation.
enum AccountsController {
    struct RolesForm: Content {
        var roles: [String]?
    }

    static func list(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let accounts = try await AccountQueries.list(in: actor.organisationID, on: request.db)
        let invites = try await InviteQueries.pending(in: actor.organisationID, on: request.db, now: request.now)
        return AccountsView.list(request.viewer, accounts: accounts, invites: invites)
    }

    static func show(_ request: Request) async throws -> Response {
        let (actor, account) = try await load(request, for: .viewAccount)
        let roles = try await AccountQueries.roles(of: try account.requireID(), organisationID: actor.organisationID, on: request.db)
        try await request.audit.record(
            request, action: Action.viewAccount.rawValue, target: "account",
            targetID: account.id?.uuidString, outcome: .success)
        return AccountsView.detail(request.viewer, account: account, selected: roles, errors: FieldErrors(), saved: savedNotice(request))
    }

    static func changeRoles(_ request: Request) async throws -> Response {
        let (actor, account) = try await load(request, for: .changeRoles)
        let accountID = try account.requireID()
        let form = (try? request.content.decode(RolesForm.self)) ?? RolesForm()
        let requested = form.roles ?? []
        let chosen = Set(requested.compactMap(Role.init(rawValue:)))
        var errors = FieldErrors()
        if chosen.count != requested.count { errors.add("roles", "One of those roles isn't one Alongside knows. Choose from the list.") }
        if chosen.isEmpty { errors.add("roles", "Choose at least one role. To stop someone signing in, deactivate their account instead.") }
        let before = try await AccountQueries.roles(of: accountID, organisationID: actor.organisationID, on: request.db)
        if before.contains(.admin), !chosen.contains(.admin), account.isActive,
            try await AccountQueries.activeAdminCount(in: actor.organisationID, on: request.db) <= 1
        {
            errors.add("roles", "This is the organisation's only admin. Make someone else an admin first.")
        }
        guard errors.isEmpty else {
            return AccountsView.detail(
                request.viewer, account: account, selected: chosen, errors: errors, saved: nil, status: .unprocessableEntity)
        }
        try await request.db.transaction { db in
            try await AccountRole.query(on: db).filter(\.$account.$id == accountID)
                .filter(\.$organisationID == actor.organisationID).delete()
            for role in chosen.sorted() {
                try await AccountRole(organisationID: actor.organisationID, accountID: accountID, role: role).create(on: db)
            }
            try await request.audit(on: db).record(
                request, action: Action.changeRoles.rawValue, target: "account", targetID: accountID.uuidString, outcome: .success,
                detail: "roles " + Invite.encode(before) + " -> " + Invite.encode(chosen))
            try await RoleAnnouncement.send(
                granted: chosen.subtracting(before), to: account.displayName, by: actor, at: request.now, on: db,
                link: .account(accountID))
        }
        return request.redirect(to: AppURL.account(accountID).path + "?saved=roles", redirectType: .normal)
    }

    static func deactivate(_ request: Request) async throws -> Response {
        let (_, account) = try await load(request, for: .deactivateAccount)
        let accountID = try account.requireID()
        if account.isActive {
            account.deactivatedAt = request.now
            try await request.db.transaction { db in
                try await account.save(on: db)
                try await SessionStore.endAll(accountID: accountID, on: db)
                try await AccessTokenStore.revokeAll(for: accountID, at: request.now, on: db)
                try await request.audit(on: db).record(
                    request, action: Action.deactivateAccount.rawValue, target: "account",
                    targetID: accountID.uuidString, outcome: .success)
            }
        }
        return request.redirect(to: AppURL.account(accountID).path + "?saved=deactivated", redirectType: .normal)
    }

    static func reactivate(_ request: Request) async throws -> Response {
        let (_, account) = try await load(request, for: .reactivateAccount)
        let accountID = try account.requireID()
        if !account.isActive {
            account.deactivatedAt = nil
            try await request.db.transaction { db in
                try await account.save(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.reactivateAccount.rawValue, target: "account",
                    targetID: accountID.uuidString, outcome: .success)
            }
        }
        return request.redirect(to: AppURL.account(accountID).path + "?saved=reactivated", redirectType: .normal)
    }

    /// Loads an account of the actor's own organisation and asks the policy about this one record.
    /// Ids from elsewhere, or malformed ones, are simply not found, and the attempt is audited.
    private static func load(_ request: Request, for action: Action) async throws -> (Actor, Account) {
        let actor = try request.requireActor()
        let raw = request.parameters.get("accountID") ?? ""
        guard let id = UUID(uuidString: raw),
            let account = try await AccountQueries.find(id, in: actor.organisationID, on: request.db)
        else {
            try await request.audit.record(
                request, action: action.rawValue, target: "account", targetID: String(raw.prefix(64)),
                outcome: .denied, detail: "no such account in this organisation")
            throw PageError.notFound
        }
        try await request.authorize(action, Resource(kind: .account, organisationID: account.$organisation.id, ownerID: id))
        return (actor, account)
    }

    private static func savedNotice(_ request: Request) -> String? {
        switch try? request.query.get(String.self, at: "saved") {
        case "roles": "Roles saved. They apply from the person's next page."
        case "deactivated": "Account deactivated. They have been signed out and can't sign in. Everything they did is kept."
        case "reactivated": "Account reactivated. They can sign in again with their password."
        default: nil
        }
    }
}
