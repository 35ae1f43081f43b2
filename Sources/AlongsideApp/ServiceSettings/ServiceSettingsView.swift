import AlongsideDomain
import Plot
import Vapor

enum ServiceSettingsView {
    static func render(
        _ request: Request, standards: [DocumentationStandard], form: ServiceSettingsController.Form, errors: FieldErrors,
        status: HTTPResponseStatus = .ok
    ) -> Response {
        let saved = (try? request.query.get(String.self, at: "saved")) == "1"
        return request.page("Service settings", status: status) {
            H1("How the service works")
            if saved { Paragraph("Settings saved.").class("notice").attribute(named: "role", value: "status") }
            ErrorSummary(
                errors: errors, fields: [("quietDays", "Quiet after"), ("documentationStandard", "Billing records")])
            Form(url: AppURL.serviceSettings.path, method: .post) {
                CSRFField(token: request.csrfToken)
                FormField(
                    label: "Flag a relationship as quiet after this many days without a conversation", name: "quietDays", type: .number,
                    value: form.quietDays ?? "", error: errors["quietDays"],
                    hint:
                        "A gentle reminder on caseloads, not an alarm. Between \(GentleFlag.quietDaysRange.lowerBound) and \(GentleFlag.quietDaysRange.upperBound) days."
                )
                RadioChoices(
                    legend: "Billing records for a payer", name: "documentationStandard",
                    options: [("none", "None: this service doesn't bill for notes")] + standards.map { ($0.id, $0.name) },
                    selected: form.documentationStandard, error: errors["documentationStandard"])
                for standard in standards {
                    Paragraph("\(standard.name): \(standard.source)").class("hint")
                }
                Div {
                    Input(type: .checkbox, name: "supervisorSignOff").id("supervisorSignOff")
                        .attribute(named: "checked", value: form.supervisorSignOff == "on" ? "checked" : nil)
                    Label("A supervisor signs off each billing record") {}.attribute(named: "for", value: "supervisorSignOff")
                }
                .class("choice")
                Button("Save the settings").attribute(named: "type", value: "submit")
            }
            .attribute(named: "novalidate", value: "novalidate")
        }
    }
}
