import AlongsideDomain
import Plot
import Vapor

/// On a relationship page: when the peer gave permission to enter their headspace, or a short
/// form to record it when it happens.
struct HeadspaceSection: Component {
    let viewer: Viewer
    let relationship: Relationship
    let peer: Peer
    let record: HeadspaceRecord?
    let form: HeadspaceController.Form
    let errors: FieldErrors
    let canRecord: Bool
    /// Their words are part of the record's text, which only the worker in the relationship reads.
    let showWords: Bool

    var body: Component {
        if let record {
            return Div {
                if let error = errors["headspaceAt"] { Paragraph(error).class("form-message").safeAttribute("role", "alert") }
                Paragraph {
                    Tag.strong("Permission to enter their headspace: ")
                    Text("given \(DateText.long(record.givenAt))")
                    if showWords, !record.inTheirWords.isEmpty { Text(". In their words: “\(record.inTheirWords)”") }
                }
                .class("headspace")
            }
        }
        guard canRecord, let id = relationship.id else { return EmptyComponent() }
        let hasProblem = errors["headspaceAt"] != nil || errors["headspaceWords"] != nil
        return Div {
            ErrorSummary(errors: errors, fields: [("headspaceAt", "When"), ("headspaceWords", "In their words")])
            Element(name: "details") {
                Element(name: "summary") { Text("Record when \(peer.preferredName) lets you into their headspace") }
                Paragraph(
                    "The moment they let you talk about what's going on inside, not only what's happening around them. It's often the sign a safe place has been made."
                )
                .class("hint")
                Form(url: AppURL.headspace(id).path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    FormField(
                        label: "When", name: "headspaceAt", type: .datetimeLocal,
                        value: form.headspaceAt ?? LocalDateTime.text(viewer.now),
                        error: errors["headspaceAt"], hint: DateText.fieldHint)
                    TextAreaField(
                        label: "In their words (optional)", name: "headspaceWords", value: form.headspaceWords ?? "",
                        error: errors["headspaceWords"], maxLength: HeadspacePermission.wordsLimit)
                    Button("Record the moment").safeAttribute("type", "submit")
                }
                .safeAttribute("novalidate", "novalidate")
            }
            .safeAttribute("open", hasProblem ? "open" : nil)
        }
    }
}
