import AlongsideDomain
import Fluent
import Vapor

/// Turning a TOTP second factor on and off, and the second step of signing in with one.
enum SecondFactorController {
    struct CodeForm: Content {
        var code: String?
    }

    static let pausedMessage = "Too many wrong codes were tried for this account. Codes are checked again in 15 minutes."

    static func message(_ check: SecondFactorStore.Check) -> String {
        switch check {
        case .accepted: ""
        case .reused: "That code has been used already. Wait for the next one your app shows, then enter it."
        case .wrong: "That code didn't match. Codes change every 30 seconds: enter the one showing now."
        case .paused: pausedMessage
        }
    }

    // MARK: signing in

    static func askForCode(_ request: Request) async throws -> Response {
        guard try await PendingSignIn.find(request) != nil else {
            return request.redirect(to: AppURL.signIn(next: nil).path, redirectType: .normal)
        }
        return SecondFactorViews.signInCode(request.viewer, errors: FieldErrors())
    }

    static func checkCode(_ request: Request) async throws -> Response {
        guard let pending = try await PendingSignIn.find(request),
            let account = try await Account.query(on: request.db).filter(\.$id == pending.accountID)
                .filter(\.$organisation.$id == pending.organisationID).first(), account.isActive
        else {
            return SecondFactorViews.signInCode(
                request.viewer, errors: FieldErrors(field: "code", "That sign-in has timed out. Sign in again with your password."),
                expired: true, status: .unauthorized)
        }
        guard try await pending.claimAttempt(on: request.db) else {
            try await pending.delete(on: request.db)
            try await audit(request, account, outcome: .denied, detail: "too many codes tried")
            return SecondFactorViews.signInCode(
                request.viewer, errors: FieldErrors(field: "code", "Too many codes were tried. Sign in again with your password."),
                expired: true, status: .tooManyRequests)
        }
        let form = (try? request.content.decode(CodeForm.self)) ?? CodeForm()
        let typed: SecondFactorRules.Typed
        switch SecondFactorRules.read(form.code) {
        case .failure(let errors): return SecondFactorViews.signInCode(request.viewer, errors: errors, status: .unprocessableEntity)
        case .success(let value): typed = value
        }
        switch try await SecondFactorStore.check(
            typed, for: account, cipher: FieldCipher.shared, now: request.now, on: request.db)
        {
        case .accepted:
            try await pending.delete(on: request.db)
            let response = try await SignInController.signIn(
                request, accountID: try account.requireID(), organisationID: account.$organisation.id, next: pending.nextPath)
            response.cookies[PendingSignIn.cookieName] = SessionStore.expiredCookie(settings: request.application.settings.sessions)
            return response
        case .paused:
            try await audit(request, account, outcome: .denied, detail: "codes paused after too many wrong ones")
            return SecondFactorViews.signInCode(
                request.viewer, errors: FieldErrors(field: "code", SecondFactorController.pausedMessage), status: .tooManyRequests)
        case .reused:
            try await audit(request, account, outcome: .failure, detail: "a code used before")
            return SecondFactorViews.signInCode(
                request.viewer,
                errors: FieldErrors(field: "code", "That code has been used already. Wait for the next one your app shows, then enter it."),
                status: .unauthorized)
        case .wrong:
            try await audit(request, account, outcome: .failure, detail: "wrong code")
            return SecondFactorViews.signInCode(
                request.viewer,
                errors: FieldErrors(field: "code", "That code didn't match. Codes change every 30 seconds: enter the one showing now."),
                status: .unauthorized)
        }
    }

    private static func audit(_ request: Request, _ account: Account, outcome: AuditRecord.Outcome, detail: String) async throws {
        try await request.audit.record(
            request, action: Action.signIn.rawValue, target: "account", targetID: account.id?.uuidString, outcome: outcome,
            detail: "second factor: \(detail)", organisationID: account.$organisation.id, actorID: account.id)
    }

    // MARK: one's own second factor

    static func show(_ request: Request) async throws -> Response {
        let account = try await request.ownAccount()
        let organisation = try await Organisation.find(account.$organisation.id, on: request.db)
        let notice: String? =
            switch try? request.query.get(String.self, at: "done") {
            case "off": "Your second factor is off. You sign in with your password alone."
            default: request.signedIn?.actor.mustSetUpSecondFactor == true ? AccessPolicy.setUpSecondFactorFirst : nil
            }
        return SecondFactorViews.account(
            request.viewer, enabled: account.totpEnabledAt != nil, required: organisation?.requireSecondFactor == true,
            recoveryLeft: try await SecondFactorStore.unusedRecoveryCodes(of: account, on: request.db), notice: notice)
    }

    static func start(_ request: Request) async throws -> Response {
        let account = try await request.ownAccount()
        guard account.totpEnabledAt == nil else { return request.redirect(to: AppURL.secondFactor.path, redirectType: .normal) }
        let secret = try await SecondFactorStore.begin(account, cipher: FieldCipher.shared, on: request.db)
        return SecondFactorViews.setUp(request.viewer, account: account, secret: secret, errors: FieldErrors())
    }

    static func confirm(_ request: Request) async throws -> Response {
        let account = try await request.ownAccount()
        let cipher = FieldCipher.shared
        guard account.totpEnabledAt == nil, let secret = try SecondFactorStore.secret(of: account, cipher: cipher) else {
            return request.redirect(to: AppURL.secondFactor.path, redirectType: .normal)
        }
        let form = (try? request.content.decode(CodeForm.self)) ?? CodeForm()
        guard case .success(.totp(let code)) = SecondFactorRules.read(form.code) else {
            return SecondFactorViews.setUp(
                request.viewer, account: account, secret: secret,
                errors: FieldErrors(field: "code", "Enter the six-digit code your authenticator app shows for Alongside."),
                status: .unprocessableEntity)
        }
        let check = try await SecondFactorStore.check(.totp(code), for: account, cipher: cipher, now: request.now, on: request.db)
        guard check == .accepted else {
            return SecondFactorViews.setUp(
                request.viewer, account: account, secret: secret,
                errors: FieldErrors(
                    field: "code",
                    check == .wrong
                        ? "That code didn't match. Check the app's clock is right, then enter the code showing now." : message(check)),
                status: .unprocessableEntity)
        }
        let codes = try await request.db.transaction { db in
            let codes = try await SecondFactorStore.enable(account, now: request.now, on: db)
            try await request.audit(on: db).record(
                request, action: Action.manageSecondFactor.rawValue, target: "account", targetID: account.id?.uuidString,
                outcome: .success, detail: "turned on")
            return codes
        }
        // From the next request on they are no longer asked to set it up.
        return SecondFactorViews.recoveryCodes(request.viewer, codes: codes)
    }

    static func turnOff(_ request: Request) async throws -> Response {
        let account = try await request.ownAccount()
        guard account.totpEnabledAt != nil else { return request.redirect(to: AppURL.secondFactor.path, redirectType: .normal) }
        let organisation = try await Organisation.find(account.$organisation.id, on: request.db)
        let cipher = FieldCipher.shared
        let left = try await SecondFactorStore.unusedRecoveryCodes(of: account, on: request.db)
        if organisation?.requireSecondFactor == true, request.signedIn?.actor.isStaff == true {
            return SecondFactorViews.account(
                request.viewer, enabled: true, required: true, recoveryLeft: left,
                errors: FieldErrors(field: "code", "Your service requires a second factor for its staff, so it can't be turned off."),
                status: .unprocessableEntity)
        }
        let form = (try? request.content.decode(CodeForm.self)) ?? CodeForm()
        var check = SecondFactorStore.Check.wrong
        var problems = FieldErrors()
        switch SecondFactorRules.read(form.code) {
        case .failure(let errors): problems = errors
        case .success(let typed):
            check = try await SecondFactorStore.check(typed, for: account, cipher: cipher, now: request.now, on: request.db)
        }
        guard check == .accepted else {
            if problems.isEmpty { problems.add("code", message(check)) }
            return SecondFactorViews.account(
                request.viewer, enabled: true, required: false, recoveryLeft: left, errors: problems, status: .unprocessableEntity)
        }
        try await request.db.transaction { db in
            try await SecondFactorStore.disable(account, on: db)
            try await request.audit(on: db).record(
                request, action: Action.manageSecondFactor.rawValue, target: "account", targetID: account.id?.uuidString,
                outcome: .success, detail: "turned off")
        }
        return request.redirect(to: AppURL.secondFactor.path + "?done=off", redirectType: .normal)
    }
}
