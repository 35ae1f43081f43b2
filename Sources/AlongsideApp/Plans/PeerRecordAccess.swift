import AlongsideDomain
import Fluent
import Vapor

/// Loads a relationship for something the peer owns (their plans, check-ins, concern
/// conversations), so the policy can decide on the two people in it: the peer, by their login,
/// and the worker. Anything else, or anything from another organisation, is a 404, audited.
enum PeerRecordAccess {
    struct Loaded {
        let relationship: Relationship
        let peer: Peer
        /// The person asking is the peer whose record this is (not their worker).
        let viewerIsPeer: Bool
        let ended: Bool
    }

    static func load(_ request: Request, for action: Action, category: InformationCategory) async throws -> Loaded {
        let actor = try request.requireActor()
        let raw = request.parameters.get("relationshipID") ?? ""
        guard let (relationship, peer) = try await RecordLookup.relationship(raw, in: actor.organisationID, on: request.db) else {
            try await request.audit.record(
                request, action: action.rawValue, target: "relationship", targetID: String(raw.prefix(64)), outcome: .denied,
                detail: "no such relationship in this organisation")
            throw PageError.notFound
        }
        let ended = try await JourneyStore.hasEnded(relationship, on: request.db)
        try await request.authorize(action, relationship.peerResource(category, peer: peer, ended: ended), hideAsNotFound: true)
        return Loaded(relationship: relationship, peer: peer, viewerIsPeer: peer.accountID == actor.accountID, ended: ended)
    }
}

extension Relationship {
    /// The relationship as something the peer owns: their login, their worker, and the worker's
    /// supervisors where a supervisor may read it.
    /// Once the relationship has ended, its worker no longer reaches these records through it.
    func peerResource(_ category: InformationCategory, peer: Peer, ended: Bool, supervisorIDs: Set<UUID> = []) -> Resource {
        Resource(
            kind: .relationship, organisationID: organisationID, ownerID: peer.accountID, workerID: workerID, category: category,
            supervisorIDs: supervisorIDs, relationshipEnded: ended)
    }
}

extension Request {
    /// Whether the signed-in person may do this to a record, for showing or hiding a link or form.
    func may(_ action: Action, _ resource: Resource) -> Bool {
        guard let session = signedIn else { return false }
        return AccessPolicy.decide(.signedIn(session.actor), action, resource).isAllowed
    }
}
