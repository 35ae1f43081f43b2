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
                        TableCell(DateText.long(entry.occurredAt)).attribute(named: "data-label", value: "When")
                        TableCell(entry.actorName ?? "Someone not signed in").attribute(named: "data-label", value: "Who")
                        TableCell(entry.action).attribute(named: "data-label", value: "What")
                        TableCell(entry.targetKind).attribute(named: "data-label", value: "On")
                        TableCell(entry.outcome).attribute(named: "data-label", value: "Outcome")
                        TableCell(entry.detail).attribute(named: "data-label", value: "Detail")
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
