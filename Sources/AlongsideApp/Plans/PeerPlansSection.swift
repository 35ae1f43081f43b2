import AlongsideDomain
import Plot
import Vapor

/// On a relationship page and in the peer's portal: the plans the peer owns, the check-in chart
/// and concern conversations. Only the two people in the relationship see it.
struct PeerPlansSection: WrittenHTML {
    struct Summary {
        let safetyPlan: SafetyPlan?
        let hasTowardsPlan: Bool
        let trend: MutualityTrend
        let concerns: [ConcernRecord]
        let workerName: String
    }

    let relationship: Relationship
    let peer: Peer
    let summary: Summary
    let forPeer: Bool
    let canRecordConcern: Bool
    var headingLevel = 2

    var html: Markup {
        let id = relationship.id ?? UUID()
        let safety = SafetyPlanView.statusText(summary.safetyPlan, peer: peer, forPeer: forPeer)
        var html: Markup = "<section class=\"peer-plans\">" + heading(forPeer ? "Our plans" : "Plans \(peer.preferredName) owns")
        html +=
            "<ul class=\"plan-links\"><li><a href=\"\(AppURL.towardsPlan(id))\">\(forPeer ? "Moving towards: my plan" : "Moving towards")</a>"
        if !summary.hasTowardsPlan { html += "<span class=\"hint\"> (not started)</span>" }
        html += "</li><li><a href=\"\(AppURL.safetyPlan(id))\">\(forPeer ? "My wellness and safety plan" : "Wellness and safety plan")</a>"
        html += "<span class=\"hint\"> (\(safety))</span></li></ul>"
        html += heading(forPeer ? "How our conversations feel" : "How conversations feel, for both of you", level: headingLevel + 1)
        html +=
            MutualityChart(
                trend: summary.trend, peerName: forPeer ? "You" : peer.preferredName, workerName: forPeer ? summary.workerName : "You"
            ).html
        html += heading("Concern conversations", level: headingLevel + 1)
        if summary.concerns.isEmpty {
            html += "<p class=\"hint\">None.</p>"
        } else {
            html += "<ul class=\"concerns\">"
            for concern in summary.concerns {
                html +=
                    "<li><a href=\"\(AppURL.concern(concern.id ?? UUID()))\">\(DateText.day(concern.openedAt))\(concern.isOpen ? ", open" : ", closed")</a></li>"
            }
            html += "</ul>"
        }
        if canRecordConcern { html += "<p><a href=\"\(AppURL.newConcern(id))\">Record a concern conversation</a></p>" }
        return html + "</section>"
    }

    private func heading(_ text: String, level: Int? = nil) -> Markup {
        let asked = level ?? headingLevel
        let level = asked == 2 || asked == 3 ? asked : 4
        return "<h\(level)>\(text)</h\(level)>"
    }
}
