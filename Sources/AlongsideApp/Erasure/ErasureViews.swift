import AlongsideDomain
import Plot
import Vapor

enum ErasureViews {
    static func page(
        _ viewer: Viewer, peer: Peer, plan: ErasureController.Plan, errors: FieldErrors, form: ErasureController.Form = .init(),
        status: HTTPResponseStatus = .ok
    ) -> Response {
        viewer.page("Erase \(peer.preferredName)'s record", status: status) {
            Written.heading("Erase \(peer.preferredName)'s record")
            Paragraph(
                "When a peer asks for everything held about them to be erased. The act is written in the audit trail, never what was erased."
            )
            .class("hint")
            Paragraph(plan.outcome.plainWords).class("notice")
            if plan.retentionYears > 0 {
                Paragraph("This service keeps records for \(plan.retentionYears) years after a relationship ends (a setting).").class(
                    "hint")
            }
            if let refusal = plan.refusal {
                Paragraph(refusal).class("field-error").id("confirm-error")
            } else {
                ErrorSummary(errors: errors, fields: [("asked", "How they asked"), ("confirm", "Their name")])
                Form(url: AppURL.erasure(peer.id ?? UUID()).path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    RadioChoices(
                        legend: "How did \(peer.preferredName) ask?", name: "asked",
                        options: ErasureRules.Asked.allCases.map { ($0.rawValue, $0.plainWords) }, selected: form.asked,
                        error: errors["asked"])
                    FormField(
                        label: "Their name, to confirm", name: "confirm", value: "", error: errors["confirm"],
                        hint: "Type \(peer.preferredName). This can't be undone.")
                    Button("Erase").safeAttribute("type", "submit").class("danger")
                }
                .safeAttribute("novalidate", "novalidate")
            }
        }
    }
}
