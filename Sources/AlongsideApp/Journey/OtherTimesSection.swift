import AlongsideDomain
import Plot
import Vapor

/// The peer's other times with the service: the relationship before this one, the one after,
/// and, once this one has ended, a way to start again.
struct OtherTimesSection: Component {
    let viewer: Viewer
    let relationship: Relationship
    let peer: Peer
    let neighbours: (earlier: Relationship?, later: Relationship?)
    let ended: Bool
    let workers: [(id: UUID, name: String)]
    let form: StartAgainController.Form
    let errors: FieldErrors

    var body: Component {
        let canStart =
            viewer.signedIn.map { AccessPolicy.decide(.signedIn($0.actor), .startAgain, relationship.resource()).isAllowed } ?? false
        let offerAgain = ended && neighbours.later == nil && canStart
        let problem = errors["againWorker"] != nil || errors["againInitiatedBy"] != nil
        guard neighbours.earlier != nil || neighbours.later != nil || offerAgain || problem, let relationshipID = relationship.id else {
            return EmptyComponent()
        }
        return Element(name: "section") {
            H2("Other times together")
            List {
                if let earlier = neighbours.earlier {
                    ListItem { mention("Before this, from \(DateText.long(earlier.startedAt))", earlier) }
                }
                if let later = neighbours.later {
                    ListItem { mention("Started again on \(DateText.long(later.startedAt))", later) }
                }
            }
            ErrorSummary(errors: errors, fields: [("againWorker", "Peer worker"), ("againInitiatedBy", "Who reached out")])
            if offerAgain {
                Element(name: "details") {
                    Element(name: "summary") { Text("Start a new relationship with \(peer.preferredName)") }
                    Form(url: AppURL.startAgain(relationshipID).path, method: .post) {
                        CSRFField(token: viewer.csrfToken)
                        SelectField(
                            label: "Who will walk alongside them this time?", name: "againWorker",
                            options: workers.map { ($0.id.uuidString.lowercased(), $0.name) }, selected: form.againWorker,
                            error: errors["againWorker"], prompt: "Choose a peer worker")
                        RadioChoices(
                            legend: "Who reached out?", name: "againInitiatedBy",
                            options: [("peer", "They did"), ("worker", "We did"), ("both", "Both")], selected: form.againInitiatedBy,
                            error: errors["againInitiatedBy"])
                        Button("Start again, linked to this one").safeAttribute("type", "submit")
                    }
                    .safeAttribute("novalidate", "novalidate")
                }
                .safeAttribute("open", errors["againWorker"] != nil || errors["againInitiatedBy"] != nil ? "open" : nil)
            }
        }
        .class("other-times")
    }

    private func mention(_ text: String, _ other: Relationship) -> Component {
        let canSee =
            viewer.signedIn.map { AccessPolicy.decide(.signedIn($0.actor), .viewRelationship, other.resource()).isAllowed } ?? false
        guard canSee, let id = other.id else { return Text(text + " (with another peer worker)") }
        return Link(text, url: AppURL.relationship(id).path)
    }
}
