import AlongsideDomain
import Plot
import Vapor

enum PeerViews {
    static func new(
        _ viewer: Viewer, form: PeersController.Form, workers: [(id: UUID, name: String)], errors: FieldErrors,
        status: HTTPResponseStatus = .ok
    ) -> Response {
        let values = values(form)
        let hints: [String: String] = [
            "preferredName": "Only the name they want used. Their legal name isn't needed.",
            "howToReach": "For example: text first, or through their sister.",
            "aboutMe": "In their own words, if they'd like to share.",
        ]
        return viewer.page("Add a peer", status: status) {
            H1("Add a peer")
            Paragraph("Write only what they're happy to share, in their words. They can read this, and can change it later.")
            ErrorSummary(errors: errors, fields: PeerProfile.fields.map { ($0.name, $0.label) } + [("worker", "Peer worker")])
            Form(url: AppURL.peers.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                fields(values: values, hints: hints, errors: errors)
                SelectField(
                    label: "Who will walk alongside them?", name: "worker",
                    options: workers.map { ($0.id.uuidString.lowercased(), $0.name) }, selected: form.worker, error: errors["worker"],
                    prompt: "Choose a peer worker")
                Button("Add peer and start the relationship").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
        }
    }

    /// The profile's fields, for the peer correcting their own.
    static func profileForm(_ viewer: Viewer, action: AppURL, form: PeersController.Form, errors: FieldErrors, button: String)
        -> Component
    {
        ComponentGroup {
            ErrorSummary(errors: errors, fields: PeerProfile.fields.map { ($0.name, $0.label) })
            Form(url: action.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                Input(type: .hidden, name: "seen").safeAttribute("value", form.seen ?? "")
                fields(values: values(form), hints: ["preferredName": "The name you'd like to be called."], errors: errors)
                Button(button).safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
        }
    }

    static func values(_ form: PeersController.Form) -> [String: String] {
        [
            "preferredName": form.preferredName ?? "", "pronouns": form.pronouns ?? "", "howToReach": form.howToReach ?? "",
            "whenToReach": form.whenToReach ?? "", "languages": form.languages ?? "", "accessNeeds": form.accessNeeds ?? "",
            "aboutMe": form.aboutMe ?? "",
        ]
    }

    private static func fields(values: [String: String], hints: [String: String], errors: FieldErrors) -> Component {
        ComponentGroup {
            for field in PeerProfile.fields {
                if field.limit > 200 {
                    TextAreaField(
                        label: field.label, name: field.name, value: values[field.name, default: ""], error: errors[field.name],
                        hint: hints[field.name], maxLength: field.limit)
                } else {
                    FormField(
                        label: field.label, name: field.name, value: values[field.name, default: ""], error: errors[field.name],
                        hint: hints[field.name], autocomplete: "off", maxLength: field.limit)
                }
            }
        }
    }
}
