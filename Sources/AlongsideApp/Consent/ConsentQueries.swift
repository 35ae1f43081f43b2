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

    /// The peers who have ever shared with this clinician, with their consents.
    static func sharedWith(clinician: UUID, in organisationID: UUID, on database: any Database) async throws -> [(Peer, [ConsentProvision])]
    {
        let records = try await ConsentRecord.query(on: database).filter(\.$organisationID == organisationID)
            .filter(\.$granteeID == clinician).sort(\.$recordedAt, .descending).all()
        let peerIDs = Set(records.map(\.peerID))
        guard !peerIDs.isEmpty else { return [] }
        let peers = try await Peer.query(on: database).filter(\.$organisationID == organisationID).filter(\.$id ~~ Array(peerIDs)).all()
        return peers.map { peer in (peer, records.filter { $0.peerID == peer.id }.map(\.provision)) }
            .sorted { $0.0.preferredName.localizedCaseInsensitiveCompare($1.0.preferredName) == .orderedAscending }
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
