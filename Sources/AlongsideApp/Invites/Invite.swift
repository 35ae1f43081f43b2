import AlongsideDomain
import Fluent
import Foundation

/// A one-time link that lets someone create their account with the roles an admin chose.
final class Invite: Model, @unchecked Sendable {
    static let schema = "invites"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "email") var email: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "roles") var roles: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "invited_by") var invitedBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    @OptionalField(key: "account_id") var accountID: UUID?
    /// Set when the invite is for a peer: accepting it links their new account to their record.
    @OptionalField(key: "peer_id") var peerID: UUID?
    /// For a peer's invite: the hash of the code their worker reads to them in person.
    @OptionalField(key: "code_hash") var codeHash: String?
    /// Wrong codes tried so far; at `PeerLinkCode.maxFailures` the invite is withdrawn.
    @Field(key: "code_failures") var codeFailures: Int

    init() {}

    init(
        organisationID: UUID, email: EmailAddress, displayName: String, roles: Set<Role>, tokenHash: String,
        invitedBy: UUID, createdAt: Date, expiresAt: Date
    ) {
        self.$organisation.id = organisationID
        self.email = email.value
        self.displayName = displayName
        self.roles = Invite.encode(roles)
        self.tokenHash = tokenHash
        self.invitedBy = invitedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.codeFailures = 0
    }

    var roleSet: Set<Role> {
        Set(roles.split(separator: ",").compactMap { Role(rawValue: String($0)) })
    }

    static func encode(_ roles: Set<Role>) -> String {
        roles.sorted().map(\.rawValue).joined(separator: ",")
    }

    func status(now: Date) -> InviteStatus {
        InviteStatus.of(expiresAt: expiresAt, usedAt: usedAt, withdrawnAt: withdrawnAt, now: now)
    }
}
