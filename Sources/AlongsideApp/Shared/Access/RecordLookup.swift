import Fluent
import Foundation

/// The lookups every record screen starts with: a relationship with its peer, or a conversation
/// with both, each row scoped to the actor's organisation. Nil when any of them isn't there, so
/// the caller answers 404 (and audits it) the same way whatever was missing.
enum RecordLookup {
    static func relationship(_ raw: String, in organisationID: UUID, on database: any Database) async throws -> (Relationship, Peer)? {
        guard let id = UUID(uuidString: raw) else { return nil }
        return try await relationship(id: id, in: organisationID, on: database)
    }

    static func relationship(id: UUID, in organisationID: UUID, on database: any Database) async throws -> (Relationship, Peer)? {
        guard
            let relationship = try await database.model(
                Relationship.self, "SELECT * FROM relationships WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)"),
            let peer = try await database.model(
                Peer.self, "SELECT * FROM peers WHERE id = \(bind: relationship.peerID) AND organisation_id = \(bind: organisationID)")
        else { return nil }
        return (relationship, peer)
    }

    static func conversation(_ raw: String, in organisationID: UUID, on database: any Database) async throws
        -> (Conversation, Relationship, Peer)?
    {
        guard let id = UUID(uuidString: raw),
            let conversation = try await Conversation.query(on: database).filter(\.$id == id)
                .filter(\.$organisationID == organisationID).first(),
            let (relationship, peer) = try await relationship(id: conversation.relationshipID, in: organisationID, on: database)
        else { return nil }
        return (conversation, relationship, peer)
    }
}
