import AlongsideDomain
import Plot
import Vapor

enum HandoverView {
    static func render(
        _ viewer: Viewer, relationship: Relationship, peer: Peer, workers: [(id: UUID, name: String)],
        form: RelationshipController.HandoverForm, errors: FieldErrors, status: HTTPResponseStatus
    ) -> Response {
        let id = relationship.id ?? UUID()
        return viewer.page("Hand over \(peer.preferredName)'s relationship", status: status) {
            H1("Hand over to another peer worker")
            Paragraph(
                "The whole journey and every note go with the relationship. \(peer.preferredName) will see who it is with now, and why."
            )
            .class("hint")
            ErrorSummary(errors: errors, fields: [("handoverTo", "Who will carry on"), ("handoverReason", "Why")])
            Form(url: AppURL.relationshipHandover(id).path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                SelectField(
                    label: "Who will carry on with \(peer.preferredName)?", name: "handoverTo",
                    options: workers.map { ($0.id.uuidString.lowercased(), $0.name) }, selected: form.handoverTo,
                    error: errors["handoverTo"],
                    prompt: "Choose a colleague")
                TextAreaField(
                    label: "Why", name: "handoverReason", value: form.handoverReason ?? "", error: errors["handoverReason"],
                    hint: "For example: I'm moving to another team.", maxLength: Handover.reasonLimit)
                Button("Hand over").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
            Paragraph { Link("Back to \(peer.preferredName)'s journey", url: AppURL.relationship(id).path) }
        }
    }
}
