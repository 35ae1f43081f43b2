import AlongsideDomain
import Fluent
import Vapor

/// Giving and revoking consents: each with its audit entry in one transaction, and the person it
/// opens something to told in their inbox (only that the peer shares with them, never what).
enum ConsentStore {
    static func give(_ request: Request, peer: Peer, draft: ConsentDraft, by recorder: UUID) async throws -> ConsentRecord {
        let record = try ConsentRecord(peer: peer, draft: draft, decision: .permit, recordedBy: recorder, at: request.now)
        try await request.db.transaction { db in
            try await record.create(on: db)
            try await request.audit(on: db).record(
                request, action: Action.manageOwnConsents.rawValue, target: "consent", targetID: record.id?.uuidString, outcome: .success,
                detail: "given \(draft.method.rawValue) to \(draft.audience.rawValue): \(record.categories)")
            if let clinician = draft.granteeID {
                try await InboxNotification(
                    organisationID: peer.organisationID, to: clinician, kind: .recordRead,
                    message: "\(peer.preferredName) chose to share part of their record with you.",
                    link: .sharedRecord(try peer.requireID()), at: request.now
                ).create(on: db)
            }
        }
        return record
    }

    /// Revokes a consent of this peer's that is not yet revoked. False when there is none such
    /// (someone else revoked it a moment ago, or it isn't theirs): nothing is written then.
    static func revoke(_ request: Request, peer: Peer, consentID: UUID, by actor: UUID) async throws -> Bool {
        try await request.db.transaction { db in
            guard
                let record = try await ConsentRecord.query(on: db).filter(\.$id == consentID).filter(\.$peerID == peer.requireID())
                    .filter(\.$organisationID == peer.organisationID).filter(\.$revokedAt == nil).first()
            else { return false }
            record.revokedAt = request.now
            record.revokedBy = actor
            try await record.save(on: db)
            try await request.audit(on: db).record(
                request, action: Action.manageOwnConsents.rawValue, target: "consent", targetID: consentID.uuidString, outcome: .success,
                detail: "revoked")
            return true
        }
    }
}
