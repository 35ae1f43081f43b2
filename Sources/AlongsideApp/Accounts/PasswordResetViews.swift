import AlongsideDomain
import Plot
import Vapor

enum PasswordResetViews {
    enum Unusable: Error {
        case unknown, used, expired

        var text: String {
            switch self {
            case .unknown: "This link isn't one we know. Check you have all of it, or ask for a new one."
            case .used: "This link has been used already: each one works once. If you didn't use it, ask for a new one."
            case .expired: "This link has run out: each one works for a short while only. Ask for a new one."
            }
        }
    }

    static func ask(
        _ viewer: Viewer, form: PasswordResetController.AskForm, errors: FieldErrors, sent: Bool, message: String? = nil,
        status: HTTPResponseStatus = .ok
    ) -> Response {
        let emailWorks = viewer.mail != nil
        return viewer.page("Forgotten your password", status: status) {
            H1("Forgotten your password")
            if sent {
                Paragraph(
                    "If that address has an account here, we've sent it a link to choose a new password. It works once, for a short while. Check your spam folder too."
                )
                .class("notice").safeAttribute("role", "status")
            }
            if let message { Paragraph(message).class("form-message").safeAttribute("role", "alert") }
            if !emailWorks {
                Paragraph(
                    "This service hasn't set up email, so a link can't be sent. Your admin can help you back in."
                )
                .class("hint")
            }
            ErrorSummary(errors: errors, fields: [("email", "Email")])
            Form(url: AppURL.forgotPassword.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                FormField(
                    label: "Email", name: "email", type: .email, value: form.email ?? "", error: errors["email"],
                    hint: "The address you sign in with.", autocomplete: "username", maxLength: Limits.emailMaxLength)
                Button("Send me a link").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
            Paragraph { Link("Back to signing in", url: AppURL.signIn(next: nil).path) }
        }
    }

    /// - Parameter token: a token that matched a stored link, so one of our own making.
    static func choose(_ viewer: Viewer, token: String, errors: FieldErrors, status: HTTPResponseStatus = .ok) -> Response {
        viewer.page("Choose a new password", status: status) {
            H1("Choose a new password")
            ErrorSummary(errors: errors, fields: [("password", "New password"), ("confirmation", "New password again")])
            Form(url: AppURL.resetPassword(token: token).path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                NewPasswordFields(errors: errors, label: "New password")
                Button("Save my new password").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
        }
    }

    static func unusable(_ viewer: Viewer, _ why: Unusable) -> Response {
        viewer.page("This link doesn't work", status: why == .unknown ? .notFound : .gone) {
            H1("This link doesn't work")
            Paragraph(why.text).class("form-message").safeAttribute("role", "alert")
            Paragraph { Link("Ask for a new link", url: AppURL.forgotPassword.path).class("button") }
        }
    }
}
