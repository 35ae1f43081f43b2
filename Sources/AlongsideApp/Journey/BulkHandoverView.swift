import AlongsideDomain
import Plot
import Vapor

enum BulkHandoverView {
    static func render(
        _ viewer: Viewer, worker: Account, rows: [CaseloadQueries.Row], colleagues: [(id: UUID, name: String)],
        choices: [UUID: String], reason: String, errors: FieldErrors, status: HTTPResponseStatus = .ok
    ) -> Response {
        let workerID = worker.id ?? UUID()
        return viewer.page("Hand over \(worker.displayName)'s relationships", status: status) {
            H1("Hand over \(worker.displayName)'s relationships")
            Paragraph(
                "Choose who carries on with each peer. Every journey and note goes with its relationship, and each peer can read the reason."
            )
            .class("hint")
            if rows.isEmpty {
                Paragraph("\(worker.displayName) has no relationships still going.")
            } else {
                ErrorSummary(
                    errors: errors,
                    fields: rows.map { (BulkHandover.field($0.relationshipID), "Who carries on with \($0.peerName)") } + [
                        ("handoverReason", "Why")
                    ])
                Form(url: AppURL.bulkHandover(workerID).path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    for row in rows {
                        let name = BulkHandover.field(row.relationshipID)
                        SelectField(
                            label: "Who carries on with \(row.peerName)?", name: name,
                            options: colleagues.map { ($0.id.uuidString.lowercased(), $0.name) }, selected: choices[row.relationshipID],
                            error: errors[name], hint: "\(row.stage.displayName), together since \(DateText.long(row.startedAt)).",
                            prompt: "Choose a colleague")
                    }
                    TextAreaField(
                        label: "Why", name: "handoverReason", value: reason, error: errors["handoverReason"],
                        hint: "Each peer can read this. For example: Sam has left the service; Tama will carry on.",
                        maxLength: Handover.reasonLimit)
                    Button("Hand them all over").safeAttribute("type", "submit")
                }
                .safeAttribute("novalidate", "novalidate")
            }
        }
    }
}
