import AlongsideDomain
import Plot
import Vapor

/// On a relationship page: when the peer gave permission to enter their headspace, or a short
/// form to record it when it happens.
struct HeadspaceSection: WrittenHTML {
    let viewer: Viewer
    let relationship: Relationship
    let peer: Peer
    let record: HeadspaceRecord?
    let form: HeadspaceController.Form
    let errors: FieldErrors
    let canRecord: Bool
    /// Their words are part of the record's text, which only the worker in the relationship reads.
    let showWords: Bool

    var html: Markup {
        if let record {
            var html: Markup = "<div>"
            if let error = errors["headspaceAt"] { html += "<p class=\"form-message\" role=\"alert\">\(error)</p>" }
            html += "<p class=\"headspace\"><strong>Permission to enter their headspace: </strong>given \(DateText.long(record.givenAt))"
            if showWords, !record.inTheirWords.isEmpty { html += ". In their words: “\(record.inTheirWords)”" }
            return html + "</p></div>"
        }
        guard canRecord, let id = relationship.id else { return "" }
        let hasProblem = errors["headspaceAt"] != nil || errors["headspaceWords"] != nil
        return "<div>"
            + ErrorSummary(errors: errors, fields: [("headspaceAt", "When"), ("headspaceWords", "In their words")]).html
            + Written.details("Record when \(peer.preferredName) lets you into their headspace", open: hasProblem)
            + "<p class=\"hint\">The moment they let you talk about what's going on inside, not only what's happening around them. It's often the sign a safe place has been made.</p>"
            + Written.postForm(AppURL.headspace(id), token: viewer.csrfToken)
            + FormField(
                label: "When", name: "headspaceAt", type: .datetimeLocal, value: form.headspaceAt ?? LocalDateTime.text(viewer.now),
                error: errors["headspaceAt"], hint: DateText.fieldHint
            ).html
            + TextAreaField(
                label: "In their words (optional)", name: "headspaceWords", value: form.headspaceWords ?? "",
                error: errors["headspaceWords"], maxLength: HeadspacePermission.wordsLimit
            ).html
            + "<button type=\"submit\">Record the moment</button></form></details></div>"
    }
}
