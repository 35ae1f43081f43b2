import AlongsideDomain
import Plot
import Vapor

/// On a relationship page and in the peer's portal: the plans the peer owns, the check-in chart
/// and concern conversations. Only the two people in the relationship see it.
struct PeerPlansSection: Component {
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

    var body: Component {
        let id = relationship.id ?? UUID()
        let safety = SafetyPlanView.statusText(summary.safetyPlan, peer: peer, forPeer: forPeer)
        return Element(name: "section") {
            heading(forPeer ? "Our plans" : "Plans \(peer.preferredName) owns")
            List {
                ListItem {
                    Link(forPeer ? "Moving towards: my plan" : "Moving towards", url: AppURL.towardsPlan(id).path)
                    if !summary.hasTowardsPlan { Span(" (not started)").class("hint") }
                }
                ListItem {
                    Link(forPeer ? "My wellness and safety plan" : "Wellness and safety plan", url: AppURL.safetyPlan(id).path)
                    Span(" (\(safety))").class("hint")
                }
            }
            .class("plan-links")
            heading(forPeer ? "How our conversations feel" : "How conversations feel, for both of you", level: headingLevel + 1)
            MutualityChart(
                trend: summary.trend, peerName: forPeer ? "You" : peer.preferredName, workerName: forPeer ? summary.workerName : "You")
            heading("Concern conversations", level: headingLevel + 1)
            if summary.concerns.isEmpty {
                Paragraph("None.").class("hint")
            } else {
                List(summary.concerns) { concern in
                    ListItem {
                        Link(
                            "\(DateText.day(concern.openedAt))\(concern.isOpen ? ", open" : ", closed")",
                            url: AppURL.concern(concern.id ?? UUID()).path)
                    }
                }
                .class("concerns")
            }
            if canRecordConcern {
                Paragraph { Link("Record a concern conversation", url: AppURL.newConcern(id).path) }
            }
        }
        .class("peer-plans")
    }

    private func heading(_ text: String, level: Int? = nil) -> Component {
        switch level ?? headingLevel {
        case 2: H2(text)
        case 3: H3(text)
        default: H4(text)
        }
    }
}
