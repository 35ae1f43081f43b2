import AlongsideDomain
import Plot
import Vapor

enum PasswordView {
    static func render(_ viewer: Viewer, errors: FieldErrors, changed: Bool, status: HTTPResponseStatus = .ok) -> Response {
        viewer.page("Change your password", status: status) {
            H1("Change your password")
            if changed {
                Paragraph("Your password has been changed. Any other devices you were signed in on have been signed out.")
                    .class("notice").safeAttribute("role", "status")
            }
            ErrorSummary(
                errors: errors,
                fields: [
                    ("current", "Current password"), ("password", "New password"), ("confirmation", "New password again"),
                ])
            Form(url: AppURL.changePassword.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                FormField(
                    label: "Current password", name: "current", type: .password, error: errors["current"],
                    autocomplete: "current-password")
                NewPasswordFields(errors: errors, label: "New password")
                Button("Change password").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
        }
    }
}
