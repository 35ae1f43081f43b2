import AlongsideDomain
import Plot
import Vapor

enum ServiceSettingsView {
    static func render(
        _ viewer: Viewer, standards: [DocumentationStandard], form: ServiceSettingsController.Form, errors: FieldErrors,
        mail: Outbox.Summary, status: HTTPResponseStatus = .ok
    ) -> Response {
        let saved = viewer.query("saved") == "1"
        return viewer.page("Service settings", status: status) {
            H1("How the service works")
            if saved { Paragraph("Settings saved.").class("notice").safeAttribute("role", "status") }
            ErrorSummary(
                errors: errors,
                fields: [
                    ("timeZone", "Time zone"), ("quietDays", "Quiet after"), ("crisisLines", "Crisis lines"),
                    ("dangerPolicy", "Policy for imminent danger"), ("breakGlassMinutes", "Emergency opening lasts"),
                    ("breakGlassReviewDays", "Reviewed within"), ("retentionYears", "Records are kept"),
                    ("documentationStandard", "Billing records"),
                ])
            Form(url: AppURL.serviceSettings.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                TimeZoneField(
                    selected: form.timeZone, error: errors["timeZone"],
                    hint: "Every date and time is typed and shown in this zone, unless a person chooses their own in their preferences.")
                FormField(
                    label: "Flag a relationship as quiet after this many days without a conversation", name: "quietDays", type: .number,
                    value: form.quietDays ?? "", error: errors["quietDays"],
                    hint:
                        "A gentle reminder on caseloads, not an alarm. Between \(GentleFlag.quietDaysRange.lowerBound) and \(GentleFlag.quietDaysRange.upperBound) days."
                )
                TextAreaField(
                    label: "Local crisis lines", name: "crisisLines", value: form.crisisLines ?? "", error: errors["crisisLines"],
                    hint:
                        "Printed on every peer's safety plan. One per line, with the number, such as “Samaritans: 116 123”. Up to \(SafetySettings.crisisLinesMaxLines) lines.",
                    maxLength: SafetySettings.crisisLinesLimit)
                TextAreaField(
                    label: "Policy for imminent danger", name: "dangerPolicy", value: form.dangerPolicy ?? "",
                    error: errors["dangerPolicy"],
                    hint: "Shown beside every concern conversation: what a peer worker does when someone's life is in danger.",
                    maxLength: SafetySettings.dangerPolicyLimit)
                RadioChoices(
                    legend: "Billing records for a payer", name: "documentationStandard",
                    options: [("none", "None: this service doesn't bill for notes")] + standards.map { ($0.id, $0.name) },
                    selected: form.documentationStandard, error: errors["documentationStandard"])
                for standard in standards {
                    Paragraph("\(standard.name): \(standard.source)").class("hint")
                }
                Div {
                    Input(type: .checkbox, name: "supervisorSignOff").id("supervisorSignOff")
                        .safeAttribute("checked", form.supervisorSignOff == "on" ? "checked" : nil)
                    Label("A supervisor signs off each billing record") {}.safeAttribute("for", "supervisorSignOff")
                }
                .class("choice")
                FieldSet {
                    Tag.legend("Signing in and emergencies")
                    Input(type: .hidden, name: "trustChoices").safeAttribute("value", "1")
                    Div {
                        Input(type: .checkbox, name: "requireSecondFactor").id("requireSecondFactor")
                            .safeAttribute("checked", form.requireSecondFactor == "on" ? "checked" : nil)
                        Label("Staff sign in with a second factor as well as their password") {}.safeAttribute("for", "requireSecondFactor")
                    }
                    .class("choice")
                    FormField(
                        label: "An emergency opening of a record lasts (minutes)", name: "breakGlassMinutes", type: .number,
                        value: form.breakGlassMinutes ?? "", error: errors["breakGlassMinutes"],
                        hint: "From 5 to 60. After that, the record closes again.")
                    FormField(
                        label: "A coordinator reviews it within (days)", name: "breakGlassReviewDays", type: .number,
                        value: form.breakGlassReviewDays ?? "", error: errors["breakGlassReviewDays"],
                        hint: "After that, it's shown as overdue.")
                    FormField(
                        label: "Records are kept after a relationship ends (years)", name: "retentionYears", type: .number,
                        value: form.retentionYears ?? "", error: errors["retentionYears"],
                        hint:
                            "When a peer asks to be erased within this time, their record is kept without anything that identifies them. 0 erases everything."
                    )
                }
                Button("Save the settings").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
            MailStatus(settings: viewer.mail, summary: mail)
            if viewer.may(.viewMailQueue, Resource(kind: .site, organisationID: viewer.signedIn?.actor.organisationID)) {
                Paragraph { Link("See the email queue", url: AppURL.mailQueue.path) }
            }
        }
    }
}
