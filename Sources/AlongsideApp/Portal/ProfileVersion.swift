import AlongsideDomain
import Fluent
import Foundation

/// A peer's profile as it read before they corrected it.
final class ProfileVersion: Model, @unchecked Sendable {
    static let schema = "profile_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "peer_id") var peerID: UUID
    @Sealed(key: "content") var content: String
    @Field(key: "changed_by") var changedBy: UUID
    @Field(key: "changed_at") var changedAt: Date

    init() {}

    init(before peer: Peer, by: UUID, at: Date) throws {
        organisationID = peer.organisationID
        peerID = try peer.requireID()
        let profile = peer.profile
        let fields = [
            "preferredName": profile.preferredName, "pronouns": profile.pronouns, "howToReach": profile.howToReach,
            "whenToReach": profile.whenToReach, "languages": profile.languages, "accessNeeds": profile.accessNeeds,
            "aboutMe": profile.aboutMe,
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        content = String(decoding: try encoder.encode(fields), as: UTF8.self)
        changedBy = by
        changedAt = at
    }

    var fields: [String: String] { (try? JSONDecoder().decode([String: String].self, from: Data(content.utf8))) ?? [:] }
}
