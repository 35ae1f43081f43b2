import AlongsideDomain
import Plot
import Vapor

/// The peer's other times with the service: the relationship before this one, the one after,
/// and, once this one has ended, a way to start again.
struct OtherTimesSection: WrittenHTML {
    let viewer: Viewer
    let relationship: Relationship
    let peer: Peer
    let neighbours: (earlier: Relationship?, later: Relationship?)
    let ended: Bool
    let workers: [(id: UUID, name: String)]
    let form: StartAgainController.Form
    let errors: FieldErrors

    var html: Markup {
        let canStart =
            viewer.signedIn.map { AccessPolicy.decide(.signedIn($0.actor), .startAgain, relationship.resource()).isAllowed } ?? false
        let offerAgain = ended && neighbours.later == nil && canStart
        let problem = errors["againWorker"] != nil || errors["againInitiatedBy"] != nil
        guard neighbours.earlier != nil || neighbours.later != nil || offerAgain || problem, let relationshipID = relationship.id else {
            return ""
        }
        var html: Markup = "<section class=\"other-times\"><h2>Other times together</h2><ul>"
        if let earlier = neighbours.earlier {
            html += "<li>" + mention("Before this, from \(DateText.long(earlier.startedAt))", earlier) + "</li>"
        }
        if let later = neighbours.later {
            html += "<li>" + mention("Started again on \(DateText.long(later.startedAt))", later) + "</li>"
        }
        html +=
            "</ul>" + ErrorSummary(errors: errors, fields: [("againWorker", "Peer worker"), ("againInitiatedBy", "Who reached out")]).html
        if offerAgain {
            html += Written.details("Start a new relationship with \(peer.preferredName)", open: problem)
            html += Written.postForm(AppURL.startAgain(relationshipID), token: viewer.csrfToken)
            html +=
                SelectField(
                    label: "Who will walk alongside them this time?", name: "againWorker",
                    options: workers.map { ($0.id.uuidString.lowercased(), $0.name) }, selected: form.againWorker,
                    error: errors["againWorker"], prompt: "Choose a peer worker"
                ).html
            html +=
                RadioChoices(
                    legend: "Who reached out?", name: "againInitiatedBy",
                    options: [("peer", "They did"), ("worker", "We did"), ("both", "Both")], selected: form.againInitiatedBy,
                    error: errors["againInitiatedBy"]
                ).html
            html += "<button type=\"submit\">Start again, linked to this one</button></form></details>"
        }
        return html + "</section>"
    }

    private func mention(_ text: String, _ other: Relationship) -> Markup {
        let canSee =
            viewer.signedIn.map { AccessPolicy.decide(.signedIn($0.actor), .viewRelationship, other.resource()).isAllowed } ?? false
        guard canSee, let id = other.id else { return "\(text + " (with another peer worker)")" }
        return "<a href=\"\(AppURL.relationship(id))\">\(text)</a>"
    }
}
