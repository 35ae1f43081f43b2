import AlongsideDomain
import Fluent
import Vapor

extension Relationship {
    /// The relationship as something the peer owns: their login, their worker, and the worker's
    /// supervisors where a supervisor may read it.
    /// Once the relationship has ended, its worker no longer reaches these records through it.
    func peerResource(
        _ category: InformationCategory, peer: Peer, ended: Bool, supervisorIDs: Set<UUID> = [], consents: ConsentSet = .none,
        breakGlass: Bool = false
    ) -> Resource {
        Resource(
            kind: .relationship, organisationID: organisationID, ownerID: peer.accountID, workerID: workerID, category: category,
            supervisorIDs: supervisorIDs, relationshipEnded: ended, consents: consents, breakGlass: breakGlass)
    }
}

extension Request {
    /// Whether the signed-in person may do this to a record, for showing or hiding a link or form.
    func may(_ action: Action, _ resource: Resource) -> Bool {
        guard let session = signedIn else { return false }
        return AccessPolicy.decide(.signedIn(session.actor), action, resource).isAllowed
    }
}
