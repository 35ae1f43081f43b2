import AlongsideDomain
import Fluent
import Vapor

/// First run: creates the organisation and its first admin, then disappears for good.
enum SetupController {
    struct Form: Content {
        var organisation: String?
        var name: String?
        var email: String?
        var password: String?
        var confirmation: String?
        var timeZone: String?
    }

    /// Setup is done once; where only the demo has been set up, say why setup isn't offered.
    static func alreadySetUp(_ request: Request) async throws -> Response? {
        guard try await AccountQueries.anyAdminExists(on: request.db) else { return nil }
        if try await Organisation.query(on: request.db).filter(\.$name != DemoData.organisationName).count() == 0 {
            return SetupView.demoOnly(request.viewer)
        }
        throw PageError.notFound
    }

    static func show(_ request: Request) async throws -> Response {
        if let answer = try await alreadySetUp(request) { return answer }
        return SetupView.render(request.viewer, form: Form(), errors: FieldErrors())
    }

    static func submit(_ request: Request) async throws -> Response {
        if let answer = try await alreadySetUp(request) { return answer }
        let form = (try? request.content.decode(Form.self)) ?? Form()
        var errors = FieldErrors()
        errors.check(
            "organisation",
            NameRule.problem(
                with: form.organisation ?? "", label: "your organisation's name",
                maxLength: Limits.organisationNameMaxLength))
        errors.check("name", NameRule.problem(with: form.name ?? "", label: "your name", maxLength: Limits.nameMaxLength))
        errors.check("email", EmailAddress.problem(with: form.email ?? ""))
        if errors["organisation"] == nil,
            (form.organisation ?? "").trimmingWhitespace().lowercased() == DemoData.organisationName.lowercased()
        {
            errors.add("organisation", "That's the name of the demo organisation. Use your service's own name.")
        }
        // A post without the field (a script, an older form) keeps UTC; a browser always sends one.
        var zone = ZoneRules.utc
        switch ZoneCatalog.parse(form.timeZone ?? "UTC") {
        case .failure(let problems): errors.merge(problems)
        case .success(let rules): zone = rules
        }
        request.application.accountPasswords.rule.check(password: form.password ?? "", confirmation: form.confirmation ?? "", into: &errors)
        guard errors.isEmpty, let email = EmailAddress(form.email ?? "") else {
            return SetupView.render(request.viewer, form: form, errors: errors, status: .unprocessableEntity)
        }
        let zoneName = zone.identifier
        let passwordHash = try await request.application.accountPasswords.hash(form.password ?? "")
        let now = request.now
        let (organisationID, accountID) = try await request.db.transaction { db in
            // Checked again inside the transaction: two people submitting at once get one admin.
            guard try await !AccountQueries.anyAdminExists(on: db) else { throw PageError.notFound }
            let organisation = Organisation(name: (form.organisation ?? "").trimmingWhitespace(), createdAt: now)
            organisation.timeZone = zoneName
            try await organisation.create(on: db)
            let organisationID = try organisation.requireID()
            let account = Account(
                organisationID: organisationID, email: email,
                displayName: (form.name ?? "").trimmingWhitespace(), passwordHash: passwordHash, createdAt: now)
            try await account.create(on: db)
            let accountID = try account.requireID()
            try await AccountRole(organisationID: organisationID, accountID: accountID, role: .admin).create(on: db)
            let audit = request.audit(on: db)
            try await audit.append(
                .init(
                    organisationID: organisationID, actorID: accountID, action: Action.runFirstSetup.rawValue,
                    targetKind: "organisation", targetID: organisationID.uuidString, outcome: .success,
                    detail: "organisation and first admin created"))
            return (organisationID, accountID)
        }
        return try await SignInController.signIn(request, accountID: accountID, organisationID: organisationID, next: AppURL.home.path)
    }
}
