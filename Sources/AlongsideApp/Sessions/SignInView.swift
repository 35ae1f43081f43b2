import AlongsideDomain
import Plot
import Vapor

enum SignInView {
    static func render(
        _ viewer: Viewer, form: SignInController.Form, errors: FieldErrors, message: String?,
        status: HTTPResponseStatus = .ok
    ) -> Response {
        let signedOut = viewer.query("signedOut") == "1"
        return viewer.page("Sign in", status: status) {
            H1("Sign in")
            if signedOut && message == nil && errors.isEmpty {
                Paragraph("You've signed out. See you next time.").class("notice").safeAttribute("role", "status")
            }
            if form.next == AppURL.resume.path {
                Paragraph(
                    "You were signed out before that was saved. Nothing you typed is lost: sign in again and it will be waiting for you to save."
                )
                .class("notice").safeAttribute("role", "status")
            }
            FormMessage(text: message)
            ErrorSummary(errors: errors, fields: [("email", "Email"), ("password", "Password")])
            Form(url: AppURL.signIn(next: nil).path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                if let next = form.next, AppURL.isSafeLocalPath(next) {
                    Input(type: .hidden, name: "next").safeAttribute("value", next)
                }
                FormField(
                    label: "Email", name: "email", type: .email, value: form.email ?? "", error: errors["email"],
                    autocomplete: "username", maxLength: Limits.emailMaxLength)
                FormField(
                    label: "Password", name: "password", type: .password, error: errors["password"],
                    autocomplete: "current-password")
                Button("Sign in").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
            Paragraph { Link("Forgotten your password?", url: AppURL.forgotPassword.path) }
            Paragraph("New here? Ask your organisation's admin for an invite link.").class("hint")
        }
    }
}
