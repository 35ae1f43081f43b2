import AlongsideDomain
import Plot
import Vapor

enum CaseloadView {
    enum Scope {
        case mine
        case service

        var title: String { self == .mine ? "Your caseload" : "Relationships across the service" }
        func url(_ stage: String?) -> AppURL { self == .mine ? .caseload(stage: stage) : .serviceRelationships(stage: stage) }
    }

    static func render(_ request: Request, rows: [CaseloadQueries.Row], stage: Stage?, scope: Scope) -> Response {
        let now = request.now
        return request.page(scope == .mine ? "Caseload" : "Relationships") {
            H1(scope.title)
            Navigation {
                List([nil] + Stage.allCases.map(Optional.some)) { option in
                    ListItem {
                        if option == stage {
                            Span(option?.displayName ?? "Everyone").class("current").attribute(named: "aria-current", value: "page")
                        } else {
                            Link(option?.displayName ?? "Everyone", url: scope.url(option?.rawValue).path)
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
                    caption: TableCaption(
                        stage.map { "Relationships at \"\($0.displayName)\"" }
                            ?? (scope == .mine ? "All your relationships" : "Every relationship")),
                    header: TableRow {
                        TableHeaderCell("Peer")
                        if scope == .service { TableHeaderCell("Peer worker") }
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
                            if scope == .service {
                                TableCell(row.workerName).attribute(named: "data-label", value: "Peer worker")
                            }
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
