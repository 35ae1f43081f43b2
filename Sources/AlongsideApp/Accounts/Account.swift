import AlongsideDomain
import Fluent
import Foundation

/// A person's sign-in. Deactivated, never deleted: what they did stays attributable.
final class Account: Model, @unchecked Sendable {
    static let schema = "accounts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "email") var email: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "deactivated_at") var deactivatedAt: Date?
    /// The person's own time zone, when it differs from their organisation's.
    @OptionalField(key: "time_zone") var timeZone: String?
    /// The role whose work they last chose to land on, when they hold several.
    @OptionalField(key: "landing_role") var landingRole: String?
    /// The optional messages this person has turned off (`MailKind.turnedOff`).
    @OptionalField(key: "mail_off") var mailOff: String?
    /// The TOTP secret, sealed by `FieldCipher`; set while turning it on, in use once `totpEnabledAt` is.
    @OptionalField(key: "totp_secret") var totpSecret: String?
    @OptionalField(key: "totp_enabled_at") var totpEnabledAt: Date?
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?
    /// A peer worker's story and who sees it (and who sees they are a peer worker): see `Disclosure`.
    @OptionalSealed(key: "story") var story: String?
    @OptionalField(key: "story_to") var storyTo: String?
    @OptionalField(key: "status_to") var statusTo: String?

    var disclosure: Disclosure {
        Disclosure(
            story: story ?? "",
            storyTo: Set((storyTo ?? "").split(separator: ",").compactMap { DisclosureAudience(rawValue: String($0)) }),
            statusTo: Set((statusTo ?? "").split(separator: ",").compactMap { DisclosureAudience(rawValue: String($0)) }))
    }
    @Children(for: \.$account) var roleAssignments: [AccountRole]

    init() {}

    init(id: UUID? = nil, organisationID: UUID, email: EmailAddress, displayName: String, passwordHash: String, createdAt: Date) {
        self.id = id
        self.$organisation.id = organisationID
        self.email = email.value
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }

    var isActive: Bool { deactivatedAt == nil }
}

/// One role held by one account. A person may hold several.
final class AccountRole: Model, @unchecked Sendable {
    static let schema = "account_roles"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Parent(key: "account_id") var account: Account
    @Field(key: "role") var role: String

    init() {}

    init(organisationID: UUID, accountID: UUID, role: Role) {
        self.organisationID = organisationID
        self.$account.id = accountID
        self.role = role.rawValue
    }
}
