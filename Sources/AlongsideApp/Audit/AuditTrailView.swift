import AlongsideDomain
import Foundation
import Plot
import Vapor

enum AuditTrailView {
    private static let uuid = try! NSRegularExpression(
        pattern: "\\b([0-9a-fA-F]{8})-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b")

    /// Record ids by their first eight characters, as everywhere else on the page: enough to tell
    /// records apart, short enough to read.
    /// Arrows are drawn as arrows, so a line never ends between "-" and ">".
    static func shortIDs(_ text: String) -> String {
        uuid.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1")
            .replacingOccurrences(of: " -> ", with: " → ")
    }

    static func render(
        _ viewer: Viewer, entries: [AuditTrailController.Row], page: Int, hasMore: Bool, filters: AuditTrailController.Filters,
        people: [(id: UUID, name: String)], errors: FieldErrors
    ) -> Response {
        viewer.page("Audit trail") {
            H1("Audit trail")
            Paragraph(
                "Every sign-in, every change, and every look at a sensitive record, newest first: who did what to which record, never what anyone wrote. Peers are shown by a short reference, not by name. Entries can't be edited: each one is sealed, with a key kept apart from the database, together with the one before it."
            )
            ErrorSummary(errors: errors, fields: [("peer", "About a peer"), ("from", "From"), ("to", "To")])
            Form(url: AppURL.auditTrail(page: nil).path, method: .get) {
                SelectField(
                    label: "Who", name: "person", options: people.map { ($0.id.uuidString.lowercased(), $0.name) },
                    selected: filters.person?.uuidString.lowercased(), prompt: "Anyone")
                FormField(
                    label: "About a peer", name: "peer", value: filters.peer, error: errors["peer"],
                    hint: "Their reference, as the trail shows it after \"peer\" (such as 1a2b3c4d): their records only.",
                    autocomplete: "off", maxLength: 36)
                FormField(label: "From", name: "from", type: .date, value: filters.from, error: errors["from"])
                FormField(label: "To", name: "to", type: .date, value: filters.to, error: errors["to"])
                Button("Show").safeAttribute("type", "submit")
                if !filters.isEmpty { Link("Show everything", url: AppURL.auditTrail(page: nil).path) }
            }
            .class("inline-form audit-filters")
            .safeAttribute("role", "search").safeAttribute("aria-label", "Narrow the audit trail")
            if entries.isEmpty { Paragraph("Nothing in the trail matches.").safeAttribute("role", "status") }
            Tag.scrolling(
                "Audit trail, page \(page)",
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
                            TableCell(DateText.long(entry.occurredAt)).safeAttribute("data-label", "When")
                            TableCell(entry.who).safeAttribute("data-label", "Who")
                            TableCell(entry.action).safeAttribute("data-label", "What")
                            TableCell(shortIDs(entry.target)).safeAttribute("data-label", "On")
                            TableCell(entry.outcome).safeAttribute("data-label", "Outcome")
                            TableCell(shortIDs(entry.detail)).safeAttribute("data-label", "Detail")
                        }
                    }
                }
                .class("data-table"))
            Navigation {
                if page > 1 {
                    Link("Newer entries", url: pageURL(page - 1, filters))
                }
                if hasMore {
                    Link("Older entries", url: pageURL(page + 1, filters))
                }
            }
            .class("pager")
            .safeAttribute("aria-label", "Audit trail pages")
        }
    }

    /// A page of the trail with the same filters.
    static func pageURL(_ page: Int, _ filters: AuditTrailController.Filters) -> String {
        AppURL.auditTrail(page: page).path + (filters.isEmpty ? "" : "&" + filters.query)
    }
}
