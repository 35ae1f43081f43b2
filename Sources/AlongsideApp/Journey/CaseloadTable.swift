import AlongsideDomain
import Foundation
import Plot

/// Relationships with where each stands: stage, time in it, steps back, last conversation and
/// gentle flags. The same table for a worker's caseload, the service view and supervision.
struct CaseloadTable: Component {
    enum PeerDisplay {
        /// The peer's name, linking to the relationship.
        case linkedName
        /// Initials only, for readers who see the shape of the work but not who it is with.
        case initials
    }

    let rows: [CaseloadQueries.Row]
    let now: Date
    let peer: PeerDisplay
    let showWorker: Bool
    let caption: String
    var quietDays: Int = GentleFlag.defaultQuietDays

    var body: Component {
        Table(
            caption: TableCaption(caption),
            header: TableRow {
                TableHeaderCell("Peer")
                if showWorker { TableHeaderCell("Peer worker") }
                TableHeaderCell("Stage")
                TableHeaderCell("In this stage for")
                TableHeaderCell("Steps back")
                TableHeaderCell("Last conversation")
                TableHeaderCell("Next planned")
                TableHeaderCell("To notice")
            }
        ) {
            for row in rows {
                TableRow {
                    switch peer {
                    case .linkedName: TableCell { Link(row.peerName, url: AppURL.relationship(row.relationshipID).path) }
                    case .initials: TableCell(Initials.of(row.peerName))
                    }
                    if showWorker {
                        TableCell(row.workerName).attribute(named: "data-label", value: "Peer worker")
                    }
                    TableCell(row.stage.displayName).attribute(named: "data-label", value: "Stage")
                    TableCell(DurationText.since(row.since, now: now)).attribute(named: "data-label", value: "In this stage for")
                    TableCell(String(row.stepBacks)).attribute(named: "data-label", value: "Steps back")
                    TableCell(row.lastConversation.map(DateText.long) ?? "None yet").attribute(
                        named: "data-label", value: "Last conversation")
                    TableCell(row.nextConversation.map(DateText.long) ?? "Nothing planned").attribute(
                        named: "data-label", value: "Next planned")
                    TableCell(
                        GentleFlag.flags(
                            stage: row.stage, lastContact: row.lastConversation, began: row.startedAt, now: now, quietDays: quietDays
                        )
                        .map(\.text).joined(separator: "; ")
                    )
                    .attribute(named: "data-label", value: "To notice")
                }
            }
        }
        .class("data-table")
    }
}
