import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// A forgotten password: a link by email that works once and not for long. Asking answers the
/// same whether or not the address has an account, and is throttled like signing in.
enum PasswordResetController {
    struct AskForm: Content {
        var email: String?
    }

    struct ResetForm: Content {
        var password: String?
        var confirmation: String?
    }

    static func ask(_ request: Request) async throws -> Response {
        PasswordResetViews.ask(request.viewer, form: AskForm(), errors: FieldErrors(), sent: false)
    }

    static func send(_ request: Request) async throws -> Response {
        let form = (try? request.content.decode(AskForm.self)) ?? AskForm()
        var errors = FieldErrors()
        errors.check("email", EmailAddress.problem(with: form.email ?? ""))
        guard errors.isEmpty, let email = EmailAddress(form.email ?? "") else {
            return PasswordResetViews.ask(request.viewer, form: form, errors: errors, sent: false, status: .unprocessableEntity)
        }
        let now = request.now
        let address = ClientAddress.resolve(
            peer: request.remoteAddress?.ipAddress, forwardedFor: request.headers.first(name: "X-Forwarded-For"),
            trustedProxies: request.application.settings.security.trustedProxies)
        // Counted as tries of their own ("reset:" and the address), never cleared by a success:
        // asking again and again meets the same pause as guessing passwords.
        let claim = try await LoginAttempts.claim(
            email: "reset:" + email.value, address: address, throttle: request.application.settings.security.throttle,
            on: request.db, now: now)
        if case .wait(let until) = claim.verdict {
            return PasswordResetViews.ask(
                request.viewer, form: form, errors: FieldErrors(), sent: false, message: LoginThrottle.message(until: until, now: now),
                status: .tooManyRequests)
        }
        let account = try await Account.query(on: request.db).filter(\.$email == email.value).filter(\.$deactivatedAt == nil).first()
        // At most one link every five minutes for an account, however many addresses ask.
        var recent = false
        if let id = account?.id {
            recent =
                try await PasswordReset.query(on: request.db).filter(\.$accountID == id)
                .filter(\.$createdAt > now.addingTimeInterval(-5 * 60)).first() != nil
        }
        if let account, let accountID = account.id, request.application.settings.mail != nil, !recent {
            let token = SecretToken.generate()
            let lifetime = request.application.settings.passwordResetLifetime
            let organisationID = account.$organisation.id
            try await request.db.transaction { db in
                try await PasswordReset(
                    organisationID: organisationID, accountID: accountID, tokenHash: SecretToken.hash(token), at: now, lifetime: lifetime
                ).create(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.resetPassword.rawValue, target: "account", targetID: accountID.uuidString,
                    outcome: .success, detail: "reset link emailed", organisationID: organisationID, actorID: accountID)
                try await Outbox.queue(
                    .passwordReset, toAddress: account.email, accountID: accountID, in: organisationID,
                    link: request.absoluteURL(.resetPassword(token: token)), validFor: "\(Int(lifetime / 60)) minutes",
                    application: request.application, at: now, on: db)
            }
        } else {
            try await request.audit.record(
                request, action: Action.resetPassword.rawValue, target: "account",
                targetID: SignInController.auditTarget(request, account, email), outcome: .denied,
                detail: account == nil ? "no active account with this address" : "email is not set up",
                organisationID: account?.$organisation.id, actorID: account?.id)
        }
        return PasswordResetViews.ask(request.viewer, form: AskForm(), errors: FieldErrors(), sent: true)
    }

    /// The link's reset, if it is still good; otherwise why not, in words.
    static func lookup(_ request: Request) async throws -> Result<PasswordReset, PasswordResetViews.Unusable> {
        let token = request.parameters.get("token") ?? ""
        guard token.count <= 128,
            let reset = try await PasswordReset.query(on: request.db).filter(\.$tokenHash == SecretToken.hash(token)).first()
        else { return .failure(.unknown) }
        if reset.usedAt != nil { return .failure(.used) }
        if reset.expiresAt <= request.now { return .failure(.expired) }
        return .success(reset)
    }

    static func show(_ request: Request) async throws -> Response {
        switch try await lookup(request) {
        case .failure(let why): return PasswordResetViews.unusable(request.viewer, why)
        case .success: return PasswordResetViews.choose(request.viewer, token: request.parameters.get("token") ?? "", errors: FieldErrors())
        }
    }

    static func reset(_ request: Request) async throws -> Response {
        let reset: PasswordReset
        switch try await lookup(request) {
        case .failure(let why): return PasswordResetViews.unusable(request.viewer, why)
        case .success(let found): reset = found
        }
        let form = (try? request.content.decode(ResetForm.self)) ?? ResetForm()
        var errors = FieldErrors()
        let passwords = request.application.accountPasswords
        passwords.rule.check(password: form.password ?? "", confirmation: form.confirmation ?? "", into: &errors)
        guard errors.isEmpty, let password = form.password,
            let account = try await AccountQueries.find(reset.accountID, in: reset.organisationID, on: request.db), account.isActive
        else {
            return PasswordResetViews.choose(
                request.viewer, token: request.parameters.get("token") ?? "", errors: errors, status: .unprocessableEntity)
        }
        let now = request.now
        let resetID = try reset.requireID()
        // Used once, and claimed before the slow hash: of many requests sending the same link at
        // once, one goes on to hash a password and the rest stop here, so they can't queue up
        // Bcrypt work that everyone's sign-in waits behind.
        guard
            try await (request.db as! any SQLDatabase).raw(
                "UPDATE password_resets SET used_at = \(bind: now) WHERE id = \(bind: resetID) AND used_at IS NULL AND expires_at > \(bind: now) RETURNING id"
            ).first() != nil
        else { return PasswordResetViews.unusable(request.viewer, .used) }
        let hash = try await passwords.hash(password)
        let used: Bool = try await request.db.transaction { db in
            // Any other link still waiting for this account stops working too.
            try await PasswordReset.retireAll(for: reset.accountID, at: now, on: db)
            account.passwordHash = hash
            try await account.save(on: db)
            try await SessionStore.endAll(accountID: reset.accountID, on: db)
            try await AccessTokenStore.revokeAll(for: reset.accountID, at: now, on: db)
            try await request.audit(on: db).record(
                request, action: Action.resetPassword.rawValue, target: "account", targetID: reset.accountID.uuidString,
                outcome: .success, detail: "password chosen through an emailed link; all sessions and API tokens ended",
                organisationID: reset.organisationID, actorID: reset.accountID)
            return true
        }
        guard used else { return PasswordResetViews.unusable(request.viewer, .used) }
        // A new password is one factor: someone who reads the person's email still needs their second.
        if account.totpEnabledAt != nil {
            return try await PendingSignIn.begin(request, account: account, next: AppURL.home.path)
        }
        return try await SignInController.signIn(
            request, accountID: reset.accountID, organisationID: reset.organisationID, next: AppURL.home.path)
    }
}
