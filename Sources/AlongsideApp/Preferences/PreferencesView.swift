import AlongsideDomain
import Plot
import Vapor

enum PreferencesView {
    static func render(
        _ viewer: Viewer, form: PreferencesController.Form, serviceZone: String, errors: FieldErrors, saved: Bool,
        status: HTTPResponseStatus = .ok
    ) -> Response {
        viewer.page("Your preferences", status: status) {
            Written.heading("Your preferences")
            if saved {
                Written.notice(
                    "Saved. Every date and time is now shown and typed in \(viewer.signedIn?.zone.identifier ?? serviceZone) time.")
            }
            ErrorSummary(errors: errors, fields: [("timeZone", "Your time zone")])
            Form(url: AppURL.preferences.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                SelectField(
                    label: "Your time zone", name: "timeZone", options: TimeZoneField.options, selected: form.timeZone,
                    error: errors["timeZone"],
                    hint:
                        "Dates and times you type and read are in this zone. Choose your own only if you work somewhere other than your service.",
                    prompt: "Same as the service (\(serviceZone.replacingOccurrences(of: "_", with: " ")))")
                let offered = PreferencesController.offered(to: viewer.signedIn?.actor.roles ?? [])
                if !offered.isEmpty {
                    FieldSet {
                        Tag.legend("Email")
                        Paragraph(
                            viewer.mail == nil
                                ? "This service hasn't set up email yet. Your choices are kept for when it does."
                                : "Messages say only that something is waiting for you, with a link: never what was written, nor a peer's name."
                        )
                        .class("hint")
                        Input(type: .hidden, name: "mailChoices").safeAttribute("value", "1")
                        for kind in offered {
                            Div {
                                Input(type: .checkbox, name: "mail[]").id("mail-\(kind.rawValue)").safeAttribute("value", kind.rawValue)
                                    .safeAttribute("checked", (form.mail ?? []).contains(kind.rawValue) ? "checked" : nil)
                                Label(kind.choiceLabel) {}.safeAttribute("for", "mail-\(kind.rawValue)")
                            }
                            .class("choice")
                        }
                    }
                }
                Button("Save preferences").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
        }
    }
}
