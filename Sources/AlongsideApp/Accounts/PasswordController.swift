import AlongsideDomain
import Fluent
import Vapor

/// A person changes their own password. Every other device they were signed in on is signed out.
enum PasswordController {
    struct Form: Content {
        var current: String?
        var password: String?
        var confirmation: String?
    }

    static func show(_ request: Request) async throws -> Response {
        let changed = (try? request.query.get(String.self, at: "changed")) == "1"
        return PasswordView.render(request.viewer, errors: FieldErrors(), changed: changed)
    }

    static func submit(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let form = (try? request.content.decode(Form.self)) ?? Form()
        guard let account = try await AccountQueries.find(actor.accountID, in: actor.organisationID, on: request.db) else {
            throw PageError.notFound
        }
        let passwords = request.application.accountPasswords
        var errors = FieldErrors()
        let current = form.current ?? ""
        if current.isEmpty {
            errors.add("current", "Enter your current password.")
        } else if current.utf8.count > 1024 {
            errors.add("current", "That isn't your current password. Check it and try again.")
        } else if try await !passwords.verify(current, against: account.passwordHash) {
            errors.add("current", "That isn't your current password. Check it and try again.")
        }
        passwords.rule.check(password: form.password ?? "", confirmation: form.confirmation ?? "", into: &errors)
        if errors["password"] == nil, !current.isEmpty, form.password == current {
            errors.add("password", "Choose a password different from your current one.")
        }
        guard errors.isEmpty, let newPassword = form.password else {
            try await request.audit.record(
                request, action: Action.changeOwnPassword.rawValue, target: "account",
                targetID: actor.accountID.uuidString, outcome: .failure, detail: "form had problems")
            return PasswordView.render(request.viewer, errors: errors, changed: false, status: .unprocessableEntity)
        }
        account.passwordHash = try await passwords.hash(newPassword)
        let now = request.now
        let key = try await request.db.transaction { db in
            try await account.save(on: db)
            try await SessionStore.endAll(accountID: actor.accountID, on: db)
            try await AccessTokenStore.revokeAll(for: actor.accountID, at: now, on: db)
            try await PasswordReset.retireAll(for: actor.accountID, at: now, on: db)
            try await request.audit(on: db).record(
                request, action: Action.changeOwnPassword.rawValue, target: "account",
                targetID: actor.accountID.uuidString, outcome: .success,
                detail: "password changed; all sessions ended")
            return try await SessionStore.start(accountID: actor.accountID, organisationID: actor.organisationID, on: db, now: now)
        }
        let response = request.redirect(to: AppURL.changePassword.path + "?changed=1", redirectType: .normal)
        response.cookies[SessionStore.cookieName] = SessionStore.cookie(for: key, settings: request.application.settings.sessions)
        return response
    }
}
