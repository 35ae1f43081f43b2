import AlongsideDomain
import Fluent
import Vapor

/// A person's own preferences: a time zone of their own when they work somewhere other than
/// their service (the service's zone otherwise).
enum PreferencesController {
    struct Form: Content {
        var timeZone: String?
        /// The optional messages left on; `mailChoices` says the form offered them, so none ticked means none.
        var mail: [String]?
        var mailChoices: String?
    }

    /// The optional messages that can reach someone with these roles.
    static func offered(to roles: Set<Role>) -> [MailKind] {
        MailKind.allCases.filter { kind in
            switch kind {
            case .escalation: roles.contains(.supervisor) || roles.contains(.coordinator)
            case .followUpDue: roles.contains(.peerWorker)
            case .correctionAnswered: roles.contains(.peer)
            case .invite, .passwordReset: false
            }
        }
    }

    static func show(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        guard let account = try await AccountQueries.find(actor.accountID, in: actor.organisationID, on: request.db),
            let organisation = try await Organisation.find(actor.organisationID, on: request.db)
        else { throw PageError.notFound }
        let saved = (try? request.query.get(String.self, at: "saved")) == "1"
        let off = MailKind.turnedOff(account.mailOff)
        return PreferencesView.render(
            request.viewer,
            form: Form(timeZone: account.timeZone, mail: offered(to: actor.roles).filter { !off.contains($0) }.map(\.rawValue)),
            serviceZone: organisation.timeZone, errors: FieldErrors(), saved: saved)
    }

    static func save(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        guard let account = try await AccountQueries.find(actor.accountID, in: actor.organisationID, on: request.db),
            let organisation = try await Organisation.find(actor.organisationID, on: request.db)
        else { throw PageError.notFound }
        let form = (try? request.content.decode(Form.self)) ?? Form()
        let chosen = (form.timeZone ?? "").trimmingWhitespace()
        var zone: String?
        if !chosen.isEmpty {
            switch ZoneCatalog.parse(chosen) {
            case .failure(let errors):
                return PreferencesView.render(
                    request.viewer, form: form, serviceZone: organisation.timeZone, errors: errors, saved: false,
                    status: .unprocessableEntity)
            case .success(let rules): zone = rules.identifier
            }
        }
        account.timeZone = zone
        if form.mailChoices != nil {
            let kept = Set((form.mail ?? []).compactMap(MailKind.init(rawValue:)))
            account.mailOff = MailKind.store(
                Set(offered(to: actor.roles)).subtracting(kept).union(
                    MailKind.turnedOff(account.mailOff).subtracting(offered(to: actor.roles))))
        }
        let mailOff = account.mailOff ?? ""
        let described = zone ?? "the service's"
        try await request.db.transaction { db in
            try await account.save(on: db)
            try await request.audit(on: db).record(
                request, action: Action.changeOwnPreferences.rawValue, target: "account", targetID: actor.accountID.uuidString,
                outcome: .success, detail: "time zone \(described); email turned off: \(mailOff.isEmpty ? "none" : mailOff)")
        }
        return request.redirect(to: AppURL.preferences.path + "?saved=1", redirectType: .normal)
    }
}
