import Plot
import Vapor

enum AuditTrailView {
    static func render(_ request: Request, entries: [AuditTrailController.Row], page: Int, hasMore: Bool) -> Response {
        request.page("Audit trail") {
            H1("Audit trail")
            Paragraph(
                "Every sign-in, every change, and every look at a sensitive record, newest first. Entries can't be edited: each one is sealed with the one before it."
            )
            Table(
                caption: TableCaption("Audit trail, page \(page)"),
                header: TableRow {
                    TableHeaderCell("When")
                    TableHeaderCell("Who")
                    TableHeaderCell("What")
                    TableHeaderCell("On")
                    TableHeaderCell("Outcome")
                    TableHeaderCell("Detail")
                }
            ) {
                for entry in entries {
                    TableRow {
                        TableCell(DateText.long(entry.occurredAt))
                        TableCell(entry.actorName ?? "Someone not signed in")
                        TableCell(entry.action)
                        TableCell(entry.targetKind)
                        TableCell(entry.outcome)
                        TableCell(entry.detail)
                    }
                }
            }
            .class("data-table")
            Navigation {
                if page > 1 {
                    Link("Newer entries", url: AppURL.auditTrail(page: page - 1).path)
                }
                if hasMore {
                    Link("Older entries", url: AppURL.auditTrail(page: page + 1).path)
                }
            }
            .class("pager")
            .attribute(named: "aria-label", value: "Audit trail pages")
        }
    }
}
