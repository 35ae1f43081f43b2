import AlongsideDomain
import Fluent
import Foundation

/// Joins the demo peer's login to a record, so the portal can be tried: the longest-running
/// relationship of the demo peer worker whose peer has no login yet.
enum DemoPortal {
    static func link(organisationID: UUID, on db: any Database) async throws {
        guard
            let peerAccount = try await Account.query(on: db).filter(\.$email == "peer@\(DemoData.emailDomain)")
                .filter(\.$organisation.$id == organisationID).first(),
            let peerAccountID = peerAccount.id,
            try await Peer.query(on: db).filter(\.$accountID == peerAccountID).first() == nil,
            let worker = try await Account.query(on: db).filter(\.$email == "peerworker@\(DemoData.emailDomain)")
                .filter(\.$organisation.$id == organisationID).first(),
            let workerID = worker.id
        else { return }
        let relationships = try await Relationship.query(on: db).filter(\.$organisationID == organisationID)
            .filter(\.$workerID == workerID).sort(\.$startedAt).all()
        for relationship in relationships {
            guard let peer = try await Peer.find(relationship.peerID, on: db), peer.accountID == nil else { continue }
            peer.accountID = peerAccountID
            peer.preferredName = String(peerAccount.displayName.split(separator: " ").first ?? "Jordan")
            try await peer.save(on: db)
            return
        }
    }
}
