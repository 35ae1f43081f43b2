import AlongsideDomain
import Fluent
import Vapor

/// How the service works: when a quiet relationship is flagged, its crisis lines and its policy
/// for imminent danger, and whether notes carry a billing layer for a payer, with a sign-off.
enum ServiceSettingsController {
    struct Form: Content {
        var quietDays: String?
        var documentationStandard: String?
        var supervisorSignOff: String?
        var crisisLines: String?
        var dangerPolicy: String?
        var timeZone: String?
        var requireSecondFactor: String?
        var breakGlassMinutes: String?
        var breakGlassReviewDays: String?
        var retentionYears: String?
        /// Says the form offered the trust settings, so an unticked box means off.
        var trustChoices: String?
    }

    static func show(_ request: Request) async throws -> Response {
        let organisation = try await load(request)
        let form = Form(
            quietDays: String(organisation.quietDays), documentationStandard: organisation.documentationStandard ?? "none",
            supervisorSignOff: organisation.supervisorSignOff ? "on" : nil, crisisLines: organisation.crisisLines,
            dangerPolicy: organisation.dangerPolicyText, timeZone: organisation.timeZone,
            requireSecondFactor: organisation.requireSecondFactor ? "on" : nil, breakGlassMinutes: String(organisation.breakGlassMinutes),
            breakGlassReviewDays: String(organisation.breakGlassReviewDays), retentionYears: String(organisation.retentionYears))
        return ServiceSettingsView.render(
            request.viewer, standards: request.application.documentationStandards, form: form, errors: FieldErrors(),
            mail: try await Outbox.summary(in: try organisation.requireID(), now: request.now, on: request.db))
    }

    static func save(_ request: Request) async throws -> Response {
        let organisation = try await load(request)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        let standards = request.application.documentationStandards
        var errors = FieldErrors()
        var quietDays = organisation.quietDays
        switch GentleFlag.parseQuietDays(form.quietDays) {
        case .failure(let problems): errors.merge(problems)
        case .success(let days): quietDays = days
        }
        var safety = (crisisLines: organisation.crisisLines, dangerPolicy: organisation.dangerPolicy)
        // A form from before these settings existed leaves them as they are.
        switch SafetySettings.parse(
            crisisLines: form.crisisLines ?? organisation.crisisLines, dangerPolicy: form.dangerPolicy ?? organisation.dangerPolicyText)
        {
        case .failure(let problems): errors.merge(problems)
        case .success(let parsed): safety = parsed
        }
        var zone = organisation.timeZone
        switch ZoneCatalog.parse(form.timeZone ?? organisation.timeZone) {
        case .failure(let problems): errors.merge(problems)
        case .success(let rules): zone = rules.identifier
        }
        var breakGlass = (organisation.breakGlassMinutes, organisation.breakGlassReviewDays)
        switch BreakGlassForm.settings(
            minutes: form.breakGlassMinutes ?? String(breakGlass.0), reviewDays: form.breakGlassReviewDays ?? String(breakGlass.1))
        {
        case .failure(let problems): errors.merge(problems)
        case .success(let parsed): breakGlass = parsed
        }
        var retention = organisation.retentionYears
        switch ErasureRules.parseRetention(form.retentionYears ?? String(retention)) {
        case .failure(let problems): errors.merge(problems)
        case .success(let years): retention = years
        }
        let chosen = form.documentationStandard ?? "none"
        if chosen != "none", !standards.contains(where: { $0.id == chosen }) {
            errors.add("documentationStandard", "Choose one of the listed sets, or none.")
        }
        guard errors.isEmpty else {
            return ServiceSettingsView.render(
                request.viewer, standards: standards, form: form, errors: errors,
                mail: try await Outbox.summary(in: try organisation.requireID(), now: request.now, on: request.db),
                status: .unprocessableEntity)
        }
        organisation.quietDays = quietDays
        organisation.timeZone = zone
        organisation.crisisLines = safety.crisisLines
        organisation.dangerPolicy = safety.dangerPolicy == SafetySettings.defaultDangerPolicy ? "" : safety.dangerPolicy
        organisation.documentationStandard = chosen == "none" ? nil : chosen
        organisation.supervisorSignOff = chosen != "none" && form.supervisorSignOff == "on"
        if form.trustChoices != nil { organisation.requireSecondFactor = form.requireSecondFactor == "on" }
        (organisation.breakGlassMinutes, organisation.breakGlassReviewDays) = breakGlass
        organisation.retentionYears = retention
        try await request.db.transaction { db in
            try await organisation.save(on: db)
            try await request.audit(on: db).record(
                request, action: Action.changeServiceSettings.rawValue, target: "organisation", targetID: organisation.id?.uuidString,
                outcome: .success,
                detail:
                    "quiet days \(organisation.quietDays); time zone \(organisation.timeZone); billing \(organisation.documentationStandard ?? "off"); sign-off \(organisation.supervisorSignOff); second factor required \(organisation.requireSecondFactor); emergency openings \(organisation.breakGlassMinutes) min, reviewed within \(organisation.breakGlassReviewDays) days; records kept \(organisation.retentionYears) years"
            )
        }
        return request.redirect(to: AppURL.serviceSettings.path + "?saved=1", redirectType: .normal)
    }

    private static func load(_ request: Request) async throws -> Organisation {
        let actor = try request.requireActor()
        guard let organisation = try await Organisation.find(actor.organisationID, on: request.db) else { throw PageError.notFound }
        return organisation
    }
}
