import Fluent
import Foundation

/// One email waiting to be sent, sent, or given up on. The words are already written: a message
/// never holds a record's content or a peer's name (`MailKind`).
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @OptionalField(key: "account_id") var accountID: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "to_address") var toAddress: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @OptionalField(key: "dedupe_key") var dedupeKey: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "send_after") var sendAfter: Date
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "claimed_by") var claimedBy: String?
    @OptionalField(key: "claimed_until") var claimedUntil: Date?
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "given_up_at") var givenUpAt: Date?

    init() {}

    init(organisationID: UUID, accountID: UUID?, kind: String, to: String, subject: String, body: String, dedupeKey: String?, at: Date) {
        self.organisationID = organisationID
        self.accountID = accountID
        self.kind = kind
        toAddress = to
        self.subject = subject
        self.body = body
        self.dedupeKey = dedupeKey
        createdAt = at
        sendAfter = at
        attempts = 0
    }

    enum Status: String {
        case waiting, sent
        case givenUp = "given up"
    }

    var status: Status { sentAt != nil ? .sent : givenUpAt != nil ? .givenUp : .waiting }
}
