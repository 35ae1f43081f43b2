import AlongsideDomain
import Plot
import Vapor

enum DisclosureViews {
    static func page(
        _ viewer: Viewer, form: DisclosureController.Form, errors: FieldErrors, saved: Bool, status: HTTPResponseStatus = .ok
    ) -> Response {
        viewer.page("Your story", status: status) {
            Written.heading("Your story")
            if saved { Written.notice("Saved. Only the people you chose see it.") }
            Paragraph(
                "You decide who knows you're a peer worker with your own lived experience, and who reads your story. Nothing of it shows anywhere you haven't ticked."
            )
            .class("hint")
            ErrorSummary(
                errors: errors,
                fields: [("story", "Your story"), ("statusTo", "Who sees you're a peer worker"), ("storyTo", "Who reads your story")])
            Form(url: AppURL.disclosure.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                TextAreaField(
                    label: "Your story", name: "story", value: form.story ?? "", error: errors["story"],
                    hint: "As much or as little as you want to share, in your words.", maxLength: Disclosure.storyLimit)
                audiences(
                    name: "statusTo", legend: "Who sees you're a peer worker", chosen: Set(form.statusTo ?? []), error: errors["statusTo"])
                audiences(name: "storyTo", legend: "Who reads your story", chosen: Set(form.storyTo ?? []), error: errors["storyTo"])
                Button("Save my choices").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
        }
    }

    private static func audiences(name: String, legend: String, chosen: Set<String>, error: String?) -> Component {
        CheckboxChoices(
            legend: legend, name: name, options: DisclosureAudience.allCases.map { ($0.rawValue, $0.plainWords) }, chosen: chosen,
            error: error)
    }
}
