import AlongsideDomain
import Fluent
import Vapor

/// Sign-in and sign-out, with throttling per email and address pair, and per address.
enum SignInController {
    struct Form: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    static let mismatch = "That email and password don't match an account. Check both and try again."

    static func show(_ request: Request) async throws -> Response {
        if request.signedIn != nil { return request.redirect(to: AppURL.home.path, redirectType: .normal) }
        let next = try? request.query.get(String.self, at: "next")
        return SignInView.render(request.viewer, form: Form(next: next), errors: FieldErrors(), message: nil)
    }

    static func submit(_ request: Request) async throws -> Response {
        let form = (try? request.content.decode(Form.self)) ?? Form()
        var errors = FieldErrors()
        errors.check("email", EmailAddress.problem(with: form.email ?? ""))
        let password = form.password ?? ""
        if password.isEmpty { errors.add("password", "Enter your password.") }
        if password.utf8.count > 1024 { errors.add("password", "That password is far too long to be yours. Check it and try again.") }
        guard errors.isEmpty, let email = EmailAddress(form.email ?? "") else {
            return SignInView.render(request.viewer, form: form, errors: errors, message: nil, status: .unprocessableEntity)
        }
        let now = request.now
        let address = ClientAddress.resolve(
            peer: request.remoteAddress?.ipAddress, forwardedFor: request.headers.first(name: "X-Forwarded-For"),
            trustedProxies: request.application.settings.security.trustedProxies)
        let throttle = request.application.settings.security.throttle

        // The try is counted before its password is checked, and a try that must wait is never
        // checked: a burst of simultaneous guesses can't all pass the throttle together.
        let claim = try await LoginAttempts.claim(email: email.value, address: address, throttle: throttle, on: request.db, now: now)
        if case .wait(let until) = claim.verdict {
            let known = try await Account.query(on: request.db).filter(\.$email == email.value).first()
            try await request.audit.record(
                request, action: Action.signIn.rawValue, target: "account", targetID: auditTarget(request, known, email),
                outcome: .denied, detail: "sign-in paused by throttling")
            return SignInView.render(
                request.viewer, form: form, errors: FieldErrors(),
                message: LoginThrottle.message(until: until, now: now), status: .tooManyRequests)
        }

        let account = try await Account.query(on: request.db).filter(\.$email == email.value).first()
        let passwords = request.application.accountPasswords
        let matches: Bool
        if let account {
            matches = try await passwords.verify(password, against: account.passwordHash)
        } else {
            try await passwords.verifyNothing(password)
            matches = false
        }
        if matches {
            try await LoginAttempts.succeeded(claim, throttle: throttle, on: request.db, now: now)
        }
        guard let account, matches else {
            try await request.audit.record(
                request, action: Action.signIn.rawValue, target: "account", targetID: auditTarget(request, account, email),
                outcome: .failure, detail: "email and password did not match",
                organisationID: account?.$organisation.id, actorID: account?.id)
            return SignInView.render(request.viewer, form: form, errors: FieldErrors(), message: mismatch, status: .unauthorized)
        }
        guard account.isActive else {
            try await request.audit.record(
                request, action: Action.signIn.rawValue, target: "account", targetID: auditTarget(request, account, email),
                outcome: .denied, detail: "account is deactivated",
                organisationID: account.$organisation.id, actorID: account.id)
            return SignInView.render(
                request.viewer, form: form, errors: FieldErrors(),
                message: "This account has been deactivated. If you think that's a mistake, ask your organisation's admin.",
                status: .forbidden)
        }
        let next = form.next.flatMap { AppURL.isSafeLocalPath($0) ? $0 : nil } ?? AppURL.home.path
        if account.totpEnabledAt != nil {
            try await request.audit.record(
                request, action: Action.signIn.rawValue, target: "account", targetID: account.id?.uuidString, outcome: .success,
                detail: "password right, second factor asked", organisationID: account.$organisation.id, actorID: account.id)
            return try await PendingSignIn.begin(request, account: account, next: next)
        }
        return try await signIn(request, accountID: try account.requireID(), organisationID: account.$organisation.id, next: next)
    }

    /// Whom a sign-in was for, as the audit trail holds it: the account's id, or for an email with
    /// no account a keyed reference to it. Never the typed address itself.
    static func auditTarget(_ request: Request, _ account: Account?, _ email: EmailAddress) -> String {
        account?.id?.uuidString ?? request.application.auditKey.reference(email: email.value)
    }

    /// Starts a new session and sends the person on. Also used after setup and accepting an invite.
    static func signIn(_ request: Request, accountID: UUID, organisationID: UUID, next: String) async throws -> Response {
        let settings = request.application.settings.sessions
        if let previous = request.signedIn {
            try await SessionStore.end(sessionID: previous.sessionID, on: request.db)
        }
        try await SessionStore.removeExpired(on: request.db, lifetime: settings.lifetime, now: request.now)
        let key = try await SessionStore.start(accountID: accountID, organisationID: organisationID, on: request.db, now: request.now)
        try await request.audit.record(
            request, action: Action.signIn.rawValue, target: "account", targetID: accountID.uuidString,
            outcome: .success, organisationID: organisationID, actorID: accountID)
        let response = request.redirect(to: next, redirectType: .normal)
        response.cookies[SessionStore.cookieName] = SessionStore.cookie(for: key, settings: settings)
        // The visitor's form token is retired with the anonymous session it belonged to.
        response.cookies[CSRFMiddleware.cookieName] = SessionStore.expiredCookie(settings: settings)
        return response
    }

    static func signOut(_ request: Request) async throws -> Response {
        let settings = request.application.settings.sessions
        if let session = request.signedIn {
            try await SessionStore.end(sessionID: session.sessionID, on: request.db)
            try await request.audit.record(
                request, action: Action.signOut.rawValue, target: "account",
                targetID: session.actor.accountID.uuidString, outcome: .success)
        }
        let response = request.redirect(to: AppURL.signIn(next: nil).path + "?signedOut=1", redirectType: .normal)
        response.cookies[SessionStore.cookieName] = SessionStore.expiredCookie(settings: settings)
        response.cookies[CSRFMiddleware.cookieName] = SessionStore.expiredCookie(settings: settings)
        return response
    }
}
