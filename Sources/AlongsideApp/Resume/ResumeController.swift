import AlongsideDomain
import Fluent
import Plot
import Vapor

/// After signing in again: the form that was sent after the session ended, with every word in it,
/// saved with one tap. It stays until it is saved or expires; nobody but its writer sees it.
enum ResumeController {
    static func show(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        guard let held = try await FormHolding.held(for: actor, request: request),
            let fields = FormBody.fields(in: Array(held.body.utf8)), LocalPath.isSafe(held.path)
        else {
            let response = request.viewer.page("Nothing waiting") {
                H1("Nothing is waiting to be saved")
                Paragraph("Anything you sent after being signed out is kept here for two hours after you sent it. There's nothing now.")
                Written.paragraph(link: "Go to your home page", to: .home)
            }
            response.cookies[FormHolding.cookieName] = SessionStore.expiredCookie(settings: request.application.settings.sessions)
            return response
        }
        try await request.audit.record(
            request, action: Action.resumeForm.rawValue, target: "heldForm", targetID: held.id?.uuidString, outcome: .success)
        return ResumeView.render(request, path: held.path, fields: fields, keptUntil: held.expiresAt)
    }
}

enum ResumeView {
    /// Fields that only carry the form's bookkeeping: sent again, not shown.
    static let bookkeeping: Set<String> = ["_csrf", "version", "position"]

    static func render(_ request: Request, path: String, fields: [(name: String, value: String)], keptUntil: Date) -> Response {
        let shown = fields.filter { !bookkeeping.contains($0.name) && !$0.value.trimmingWhitespace().isEmpty }
        return request.viewer.page("Save what you typed") {
            H1("Save what you typed")
            Paragraph(
                "You were signed out before this was saved. Here is everything you typed. Check it, then save it: it goes exactly where you were sending it."
            )
            Tag.dl {
                for field in shown { Tag.pair(label(field.name), field.value) }
            }
            Form(url: path, method: .post) {
                CSRFField(token: request.csrfToken)
                for field in fields where field.name != CSRFMiddleware.fieldName {
                    Input(type: .hidden, name: field.name).safeAttribute("value", field.value)
                }
                Button("Save what you typed").safeAttribute("type", "submit")
            }
            Paragraph("It's kept until \(DateText.long(keptUntil)) if you'd rather save it later.").class("hint")
        }
    }

    /// `sharedNote` → "Shared note", `nextSteps[]` → "Next steps".
    static func label(_ name: String) -> String {
        var words = ""
        for character in name.replacingOccurrences(of: "[]", with: "") {
            if character.isUppercase, !words.isEmpty { words += " " }
            words += String(character).lowercased()
        }
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
