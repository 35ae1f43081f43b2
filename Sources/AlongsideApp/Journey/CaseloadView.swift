import AlongsideDomain
import Plot
import Vapor

enum CaseloadView {
    static func render(_ request: Request, rows: [CaseloadQueries.Row], stage: Stage?) -> Response {
        let now = request.now
        return request.page("Caseload") {
            H1("Your caseload")
            Navigation {
                List([nil] + Stage.allCases.map(Optional.some)) { option in
                    ListItem {
                        if option == stage {
                            Span(option?.displayName ?? "Everyone").class("current").attribute(named: "aria-current", value: "page")
                        } else {
                            Link(option?.displayName ?? "Everyone", url: AppURL.caseload(stage: option?.rawValue).path)
                        }
                    }
                }
            }
            .class("filters")
            .attribute(named: "aria-label", value: "Show relationships by stage")
            if rows.isEmpty {
                Paragraph(stage == nil ? "No relationships yet." : "No relationships at this stage right now.")
            } else {
                Table(
                    caption: TableCaption(stage.map { "Relationships at \"\($0.displayName)\"" } ?? "All your relationships"),
                    header: TableRow {
                        TableHeaderCell("Peer")
                        TableHeaderCell("Stage")
                        TableHeaderCell("In this stage for")
                        TableHeaderCell("Steps back")
                        TableHeaderCell("Last conversation")
                        TableHeaderCell("To notice")
                    }
                ) {
                    for row in rows {
                        TableRow {
                            TableCell { Link(row.peerName, url: AppURL.relationship(row.relationshipID).path) }
                            TableCell(row.stage.displayName).attribute(named: "data-label", value: "Stage")
                            TableCell(DurationText.since(row.since, now: now)).attribute(named: "data-label", value: "In this stage for")
                            TableCell(String(row.stepBacks)).attribute(named: "data-label", value: "Steps back")
                            TableCell(row.lastConversation.map(DateText.long) ?? "None yet").attribute(
                                named: "data-label", value: "Last conversation")
                            TableCell(
                                GentleFlag.flags(stage: row.stage, lastContact: row.lastConversation, began: row.startedAt, now: now)
                                    .map(\.text).joined(separator: "; ")
                            )
                            .attribute(named: "data-label", value: "To notice")
                        }
                    }
                }
                .class("data-table")
            }
            Paragraph { Link("Add a peer", url: AppURL.newPeer.path) }
        }
    }
}
