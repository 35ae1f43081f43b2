import AlongsideDomain
import Plot
import Vapor

enum SupervisionLinksView {
    static func render(
        _ viewer: Viewer, links: [SupervisionLink], names: [UUID: String], people: SupervisionLinksController.People,
        form: SupervisionLinksController.Form, errors: FieldErrors, status: HTTPResponseStatus
    ) -> Response {
        let notice: String? =
            switch viewer.query("done") {
            case "linked": "Saved. The supervisor now sees that peer worker's caseload and what they bring to supervision."
            case "ended": "That supervision link has ended. It stays in the record."
            default: nil
            }
        return viewer.page("Who supervises whom", status: status) {
            H1("Who supervises whom")
            if let notice { Paragraph(notice).class("notice").safeAttribute("role", "status") }
            Paragraph(
                "A supervisor sees where their supervisees' relationships stand, and the reflections each worker chooses to bring to supervision. Never the peer's shared notes."
            )
            .class("hint")
            if links.isEmpty {
                Paragraph("No supervision links yet.")
            } else {
                List(links) { link in
                    ListItem {
                        Text(
                            "\(names[link.supervisorID] ?? "A supervisor") supervises \(names[link.workerID] ?? "a peer worker"), since \(DateText.long(link.startedAt)). "
                        )
                        if let id = link.id {
                            Form(url: AppURL.endSupervisionLink(id).path, method: .post) {
                                CSRFField(token: viewer.csrfToken)
                                Button("End this link").safeAttribute("type", "submit").class("link-button")
                                    .safeAttribute(
                                        "aria-label", "End \(names[link.supervisorID] ?? "") supervising \(names[link.workerID] ?? "")")
                            }
                            .class("inline")
                        }
                    }
                }
                .class("links")
            }
            H2("Link a supervisor and a peer worker")
            ErrorSummary(errors: errors, fields: [("supervisor", "Supervisor"), ("worker", "Peer worker")])
            Form(url: AppURL.supervisionLinks.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                SelectField(
                    label: "Supervisor", name: "supervisor", options: people.supervisors.map { ($0.id.uuidString.lowercased(), $0.name) },
                    selected: form.supervisor, error: errors["supervisor"], prompt: "Choose a supervisor")
                SelectField(
                    label: "Peer worker they will supervise", name: "worker",
                    options: people.workers.map { ($0.id.uuidString.lowercased(), $0.name) }, selected: form.worker,
                    error: errors["worker"],
                    prompt: "Choose a peer worker")
                Button("Save the link").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
        }
    }
}
