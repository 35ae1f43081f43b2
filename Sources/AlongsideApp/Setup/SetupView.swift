import AlongsideDomain
import Plot
import Vapor

enum SetupView {
    static func render(
        _ viewer: Viewer, form: SetupController.Form, errors: FieldErrors,
        status: HTTPResponseStatus = .ok
    ) -> Response {
        viewer.page("Set up Alongside", status: status) {
            H1("Welcome to Alongside")
            Paragraph("Let's set up your organisation. You'll be its first admin: you can invite everyone else once this is done.")
            ErrorSummary(
                errors: errors,
                fields: [
                    ("organisation", "Organisation name"), ("timeZone", "Time zone"), ("name", "Your name"), ("email", "Email"),
                    ("password", "Password"), ("confirmation", "Password again"),
                ])
            Form(url: AppURL.setup.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                FormField(
                    label: "Organisation name", name: "organisation", value: form.organisation ?? "",
                    error: errors["organisation"], hint: "As your peers and team know it.",
                    autocomplete: "organization", maxLength: Limits.organisationNameMaxLength)
                TimeZoneField(
                    selected: form.timeZone, error: errors["timeZone"],
                    hint: "Where your service is. Every date and time is typed and shown in it; each person may choose their own.",
                    guess: true)
                FormField(
                    label: "Your name", name: "name", value: form.name ?? "", error: errors["name"],
                    autocomplete: "name", maxLength: Limits.nameMaxLength)
                FormField(
                    label: "Email", name: "email", type: .email, value: form.email ?? "", error: errors["email"],
                    hint: "You'll sign in with this.", autocomplete: "email", maxLength: Limits.emailMaxLength)
                NewPasswordFields(errors: errors)
                Button("Create organisation").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
        }
    }

    /// This data folder holds the demo: a real service starts in a folder of its own, so made-up
    /// people never sit beside real ones.
    static func demoOnly(_ viewer: Viewer) -> Response {
        viewer.page("This folder holds the demo", status: .conflict) {
            H1("This folder holds the demo")
            Paragraph(
                "Alongside here has only the demo organisation, \(DemoData.organisationName), with its made-up people. To set up your real service, start Alongside with an empty data folder (ALONGSIDE_DATA_DIR), so that demo and real records never mix."
            )
            Paragraph { Link("Sign in to the demo", url: AppURL.signIn(next: nil).path) }
        }
    }
}
