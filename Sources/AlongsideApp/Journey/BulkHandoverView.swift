import AlongsideDomain
import Plot
import Vapor

enum BulkHandoverView {
    static func render(
        _ request: Request, worker: Account, rows: [CaseloadQueries.Row], colleagues: [(id: UUID, name: String)],
        choices: [UUID: String], reason: String, errors: FieldErrors, status: HTTPResponseStatus = .ok
    ) -> Response {
        let workerID = worker.id ?? UUID()
        return request.page("Hand over \(worker.displayName)'s relationships", status: status) {
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
                    CSRFField(token: request.csrfToken)
                    for row in rows {
                        let name = BulkHandover.field(row.relationshipID)
                        FieldFrame(
                            label: "Who carries on with \(row.peerName)?", name: name, error: errors[name],
                            hint: "\(row.stage.displayName), together since \(DateText.long(row.startedAt))."
                        ) { describedBy in
                            Element(name: "select") {
                                Element(name: "option") { Text("Choose a colleague") }.attribute(named: "value", value: "")
                                for colleague in colleagues {
                                    let value = colleague.id.uuidString.lowercased()
                                    Element(name: "option") { Text(colleague.name) }
                                        .safeAttribute("value", value)
                                        .attribute(
                                            named: "selected", value: choices[row.relationshipID]?.lowercased() == value ? "selected" : nil)
                                }
                            }
                            .id(name)
                            .attribute(named: "name", value: name)
                            .attribute(named: "aria-describedby", value: describedBy.isEmpty ? nil : describedBy)
                            .attribute(named: "aria-invalid", value: errors[name] == nil ? nil : "true")
                        }
                    }
                    TextAreaField(
                        label: "Why", name: "handoverReason", value: reason, error: errors["handoverReason"],
                        hint: "Each peer can read this. For example: Sam has left the service; Tama will carry on.",
                        maxLength: Handover.reasonLimit)
                    Button("Hand them all over").attribute(named: "type", value: "submit")
                }
                .attribute(named: "novalidate", value: "novalidate")
            }
        }
    }
}
