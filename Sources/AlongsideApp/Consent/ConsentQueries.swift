import AlongsideDomain
import Fluent
import Foundation

enum ConsentQueries {
    /// Every consent the peer has given or revoked, newest first: the policy decides which hold now.
    static func provisions(of peer: Peer, on database: any Database) async throws -> [ConsentProvision] {
        try await records(of: peer, on: database).map(\.provision)
    }

    static func records(of peer: Peer, on database: any Database) async throws -> [ConsentRecord] {
        try await ConsentRecord.query(on: database).filter(\.$peerID == peer.requireID())
            .filter(\.$organisationID == peer.organisationID).sort(\.$recordedAt, .descending).all()
    }

    /// The peers who share something with this person now (the parts, as the policy decides
    /// them), and the peers who once shared with them by name and no longer do.
    static func sharedWith(_ actor: Actor, now: Date, on database: any Database) async throws
        -> (now: [(Peer, [InformationCategory])], earlier: [Peer])
    {
        let organisationID = actor.organisationID
        var audiences: [String] = []
        if actor.holds(.peerWorker) { audiences.append(ConsentAudience.peerTeam.rawValue) }
        var supervised: Set<UUID> = []
        if actor.holds(.supervisor) {
            audiences.append(ConsentAudience.workerSupervisor.rawValue)
            supervised = Set(try await SupervisionQueries.supervisees(of: actor.accountID, in: organisationID, on: database))
        }
        let named = try await ConsentRecord.query(on: database).filter(\.$organisationID == organisationID)
            .filter(\.$granteeID == actor.accountID).all()
        let broad =
            audiences.isEmpty
            ? []
            : try await ConsentRecord.query(on: database).filter(\.$organisationID == organisationID).filter(\.$audience ~~ audiences).all()
        let records = named + broad
        let peerIDs = Array(Set(records.map(\.peerID)))
        guard !peerIDs.isEmpty else { return ([], []) }
        let peers = try await Peer.query(on: database).filter(\.$organisationID == organisationID).filter(\.$id ~~ peerIDs).all()
        let relationships = try await Relationship.query(on: database).filter(\.$organisationID == organisationID)
            .filter(\.$peerID ~~ peerIDs).sort(\.$startedAt, .descending).all()
        var shared: [(Peer, [InformationCategory])] = []
        var earlier: [Peer] = []
        for peer in peers {
            // As the record door decides it: the peer's latest relationship names the worker a supervisor must supervise.
            let worker = relationships.first { $0.peerID == peer.id }?.workerID
            let consents = ConsentSet(records.filter { $0.peerID == peer.id }.map(\.provision), asOf: now)
            let parts = InformationCategory.shareable.filter { category in
                consents.permit(for: actor, category: category, isSupervisor: worker.map(supervised.contains) ?? false) != nil
            }
            if !parts.isEmpty {
                shared.append((peer, parts))
            } else if named.contains(where: { $0.peerID == peer.id }) {
                earlier.append(peer)
            }
        }
        let byName = { (a: Peer, b: Peer) in a.preferredName.localizedCaseInsensitiveCompare(b.preferredName) == .orderedAscending }
        return (shared.sorted { byName($0.0, $1.0) }, earlier.sorted(by: byName))
    }

    /// The partner clinicians of the organisation, whom a peer may choose to share with.
    static func clinicians(in organisationID: UUID, on database: any Database) async throws -> [(id: UUID, name: String)] {
        let ids = try await AccountRole.query(on: database).filter(\.$organisationID == organisationID)
            .filter(\.$role == Role.clinician.rawValue).all().map(\.$account.id)
        guard !ids.isEmpty else { return [] }
        return try await Account.query(on: database).filter(\.$organisation.$id == organisationID).filter(\.$id ~~ ids)
            .filter(\.$deactivatedAt == nil).all()
            .compactMap { account in account.id.map { ($0, account.displayName) } }
            .sorted { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending }
    }
}
