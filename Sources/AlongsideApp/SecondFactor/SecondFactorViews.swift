import AlongsideDomain
import Plot
import Vapor

enum SecondFactorViews {
    private static func codeField(_ errors: FieldErrors, hint: String) -> Component {
        FormField(
            label: "Code", name: "code", value: "", error: errors["code"], hint: hint, autocomplete: "one-time-code", maxLength: 20)
    }

    static func signInCode(_ viewer: Viewer, errors: FieldErrors, expired: Bool = false, status: HTTPResponseStatus = .ok) -> Response {
        viewer.page("Your second factor", status: status) {
            Written.heading("Your second factor")
            if expired {
                Paragraph(errors["code"] ?? "").class("field-error").id("code-error")
                Paragraph { Link("Sign in again", url: AppURL.signIn(next: nil).path) }
            } else {
                ErrorSummary(errors: errors, fields: [("code", "Code")])
                Form(url: AppURL.signInCode.path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    codeField(
                        errors,
                        hint:
                            "The six digits your authenticator app shows for Alongside. Lost your phone? Enter one of your recovery codes instead."
                    )
                    Button("Sign in").safeAttribute("type", "submit")
                }
                .safeAttribute("novalidate", "novalidate")
            }
        }
    }

    static func account(
        _ viewer: Viewer, enabled: Bool, required: Bool, recoveryLeft: Int, notice: String? = nil, errors: FieldErrors = FieldErrors(),
        status: HTTPResponseStatus = .ok
    ) -> Response {
        viewer.page("Second factor", status: status) {
            Written.heading("Second factor")
            if let notice { Written.notice(notice) }
            Paragraph(
                "With a second factor, signing in asks for your password and a code from an authenticator app on your phone, so a password someone else learns isn't enough."
            )
            .class("hint")
            if enabled {
                Paragraph("Your second factor is on. You have \(recoveryLeft) unused recovery codes.")
                if required {
                    Paragraph("Your service requires it for its staff, so it stays on.").class("hint")
                } else {
                    ErrorSummary(errors: errors, fields: [("code", "Code")])
                    Form(url: AppURL.secondFactorOff.path, method: .post) {
                        CSRFField(token: viewer.csrfToken)
                        codeField(errors, hint: "To turn it off, enter a code from your app (or a recovery code).")
                        Button("Turn it off").safeAttribute("type", "submit").class("secondary")
                    }
                    .safeAttribute("novalidate", "novalidate")
                }
            } else {
                Form(url: AppURL.secondFactorStart.path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    Button("Set up a second factor").safeAttribute("type", "submit")
                }
            }
        }
    }

    static func setUp(
        _ viewer: Viewer, account: Account, secret: [UInt8], errors: FieldErrors, status: HTTPResponseStatus = .ok
    ) -> Response {
        let key = Base32.encode(secret)
        let grouped = stride(from: 0, to: key.count, by: 4).map { start -> String in
            let from = key.index(key.startIndex, offsetBy: start)
            return String(key[from..<(key.index(from, offsetBy: 4, limitedBy: key.endIndex) ?? key.endIndex)])
        }.joined(separator: " ")
        let label = "Alongside:\(account.email)".addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "Alongside"
        return viewer.page("Set up a second factor", status: status) {
            Written.heading("Set up a second factor")
            Paragraph(
                "In your authenticator app (any app that makes six-digit codes), add an account and type this key. On the phone itself, the link below opens the app."
            )
            Paragraph { Tag.strong(grouped) }.id("totp-key").class("secret")
            Paragraph { Link("Open in my authenticator app", url: "otpauth://totp/\(label)?secret=\(key)&issuer=Alongside") }
            ErrorSummary(errors: errors, fields: [("code", "Code")])
            Form(url: AppURL.secondFactorConfirm.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                codeField(errors, hint: "Then enter the six digits the app shows, to check it works.")
                Button("Turn it on").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
        }
    }

    static func recoveryCodes(_ viewer: Viewer, codes: [String]) -> Response {
        viewer.page("Your recovery codes") {
            Written.heading("Your second factor is on")
            Written.notice(
                "Write these recovery codes down and keep them somewhere safe. Each works once, instead of a code from your app.")
            List(codes.map(SecondFactorRules.shown)) { code in ListItem { Element(name: "code") { Text(code) } } }.id("recovery-codes")
            Paragraph("They won't be shown again.").class("hint")
            Paragraph { Link("Back to your home page", url: AppURL.home.path) }
        }
    }
}
