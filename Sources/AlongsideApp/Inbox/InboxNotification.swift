import Fluent
import Foundation

/// One in-app notification for one person: kept in the database, so any instance can show it.
/// The message never holds what was written in a record, only that something needs them and where.
final class InboxNotification: Model, @unchecked Sendable {
    static let schema = "notifications"

    enum Kind: String {
        case escalation
        case planChanged = "plan-changed"
        case concernRecorded = "concern-recorded"
        case roleGranted = "role-granted"
        case loginReleased = "login-released"
        case peerLinked = "peer-linked"
        case billingReturned = "billing-returned"
        case recordRead = "record-read"
        case referralAnswered = "referral-answered"
        case referralArrived = "referral-arrived"
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "kind") var kind: String
    @Sealed(key: "message") var message: String
    @Field(key: "link") var link: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}

    init(organisationID: UUID, to accountID: UUID, kind: Kind, message: String, link: AppURL, at: Date) {
        self.organisationID = organisationID
        self.accountID = accountID
        self.kind = kind.rawValue
        self.message = message
        self.link = link.path
        createdAt = at
    }

    /// Sends the same notification to several people, inside the caller's transaction.
    static func send(
        to accounts: Set<UUID>, in organisationID: UUID, kind: Kind, message: String, link: AppURL, at: Date, on database: any Database
    ) async throws {
        for account in accounts.sorted(by: { $0.uuidString < $1.uuidString }) {
            try await InboxNotification(organisationID: organisationID, to: account, kind: kind, message: message, link: link, at: at)
                .create(on: database)
        }
    }
}
