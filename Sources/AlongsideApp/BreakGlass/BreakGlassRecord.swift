import AlongsideDomain
import Fluent
import Foundation

/// One emergency opening of a peer's record beyond consent: by whom, why, until when, and its review.
final class BreakGlassRecord: Model, @unchecked Sendable {
    static let schema = "break_glass"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "peer_id") var peerID: UUID
    @Field(key: "opened_by") var openedBy: UUID
    @Field(key: "reason_kind") var reasonKind: String
    @Sealed(key: "reason") var reason: String
    @Field(key: "opened_at") var openedAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "review_due_at") var reviewDueAt: Date
    @OptionalField(key: "reviewed_by") var reviewedBy: UUID?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @OptionalField(key: "review_outcome") var reviewOutcome: String?
    @OptionalSealed(key: "review_note") var reviewNote: String?

    init() {}

    init(peer: Peer, by actor: UUID, draft: BreakGlassDraft, at now: Date, minutes: Int, reviewDays: Int) throws {
        organisationID = peer.organisationID
        peerID = try peer.requireID()
        openedBy = actor
        reasonKind = draft.reason.rawValue
        reason = draft.words
        openedAt = now
        expiresAt = now.addingTimeInterval(Double(minutes) * 60)
        reviewDueAt = now.addingTimeInterval(Double(reviewDays) * 86_400)
    }

    var reasonWords: String { BreakGlassReason(rawValue: reasonKind)?.plainWords ?? "an emergency" }

    /// The opening this person holds on this peer's record now, if any.
    static func open(peer: Peer, by actor: UUID, now: Date, on database: any Database) async throws -> BreakGlassRecord? {
        try await BreakGlassRecord.query(on: database).filter(\.$peerID == peer.requireID())
            .filter(\.$organisationID == peer.organisationID).filter(\.$openedBy == actor).filter(\.$expiresAt > now)
            .sort(\.$expiresAt, .descending).first()
    }
}
