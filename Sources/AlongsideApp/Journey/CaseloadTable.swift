import AlongsideDomain
import Foundation
import Plot

/// Relationships with where each stands: stage, time in it, steps back, last conversation and
/// gentle flags. The same table for a worker's caseload, the service view and supervision.
struct CaseloadTable: WrittenHTML {
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
    /// A one-tap "Write a note" on each open relationship, for the worker's own caseload.
    var writeNote = false

    /// Written straight to HTML: Plot reflects over every component it renders, which made a
    /// thirty-row table most of the cost of the caseload page (measured with perf).
    var html: Markup {
        // A region of its own, focusable, so the keyboard can scroll it when it is wider than the page.
        var html: Markup = "<div class=\"table-scroll\" role=\"region\" aria-label=\"\(caption)\" tabindex=\"0\">"
        html += "<table class=\"data-table\"><caption>\(caption)</caption><thead><tr><th>Peer</th>"
        html.reserveCapacity(1_000 + rows.count * 600)
        if showWorker { html += "<th>Peer worker</th>" }
        html +=
            "<th>Stage</th><th>In this stage for</th><th>Steps back</th><th>Last conversation</th><th>Next planned</th><th>To notice</th>"
        if writeNote { html += "<th><span class=\"visually-hidden\">Write a note</span></th>" }
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr><td>"
            switch peer {
            case .linkedName:
                html += "<a href=\"\(AppURL.relationship(row.relationshipID))\">\(row.peerName)</a>"
            case .initials:
                html += "\(Initials.of(row.peerName))"
            }
            html += "</td>"
            if showWorker { html += cell("Peer worker", row.workerName) }
            html += cell("Stage", row.stage.displayName)
            html += cell("In this stage for", DurationText.since(row.since, now: now))
            html += cell("Steps back", String(row.stepBacks))
            html += cell("Last conversation", row.lastConversation.map(DateText.long) ?? "None yet")
            html += cell("Next planned", row.nextConversation.map(DateText.long) ?? "Nothing planned")
            let flags = GentleFlag.flags(
                stage: row.stage, lastContact: row.lastConversation, began: row.startedAt, now: now, quietDays: quietDays)
            html += cell("To notice", flags.map(\.text).joined(separator: "; "))
            if writeNote {
                html +=
                    row.stage == .ended
                    ? "<td></td>"
                    : "<td><a class=\"button small\" href=\"\(AppURL.newConversation(row.relationshipID))\">Write a note<span class=\"visually-hidden\"> with \(row.peerName)</span></a></td>"
            }
            html += "</tr>"
        }
        html += "</tbody></table></div>"
        return html
    }

    private func cell(_ label: String, _ text: String) -> Markup {
        "<td data-label=\"\(label)\">\(text)</td>"
    }
}
