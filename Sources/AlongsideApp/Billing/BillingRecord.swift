import AlongsideDomain
import Fluent
import Foundation

/// The billing layer on one conversation: the payer's elements, the worker's signature and a
/// supervisor's sign-off. Separate from the note, so the peer's shared note never carries it.
final class BillingRecord: Model, @unchecked Sendable {
    static let schema = "billing_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "conversation_id") var conversationID: UUID
    @Sealed(key: "entries") var entriesJSON: String
    @Field(key: "credential") var credential: String
    @OptionalField(key: "signed_by") var signedBy: UUID?
    @OptionalField(key: "signed_at") var signedAt: Date?
    @OptionalField(key: "signed_off_by") var signedOffBy: UUID?
    @OptionalField(key: "signed_off_at") var signedOffAt: Date?
    /// Sent back by a supervisor, with why: the worker changes it and signs again.
    @OptionalField(key: "returned_by") var returnedBy: UUID?
    @OptionalField(key: "returned_at") var returnedAt: Date?
    @OptionalSealed(key: "return_reason") var returnReason: String?
    @Field(key: "updated_by") var updatedBy: UUID
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(note: Conversation, by: UUID, at: Date) throws {
        organisationID = note.organisationID
        conversationID = try note.requireID()
        entriesJSON = "{}"
        credential = ""
        updatedBy = by
        updatedAt = at
    }

    var entries: [String: String] {
        get { (try? JSONDecoder().decode([String: String].self, from: Data(entriesJSON.utf8))) ?? [:] }
        set { entriesJSON = (try? String(decoding: JSONEncoder().encode(newValue), as: UTF8.self)) ?? "{}" }
    }

    func facts(_ note: Conversation) -> DocumentationStandard.Facts {
        .init(minutes: note.minutes, place: note.place, entries: entries, signed: signedBy != nil)
    }
}

/// Where a conversation's billing stands, in words for the worker and their supervisor.
struct BillingStatus {
    let standard: DocumentationStandard
    let record: BillingRecord?
    let missing: [DocumentationStandard.Element]
    let signOffRequired: Bool

    init(standard: DocumentationStandard, record: BillingRecord?, note: Conversation, signOffRequired: Bool) {
        self.standard = standard
        self.record = record
        self.signOffRequired = signOffRequired
        missing = standard.missing(
            record?.facts(note) ?? .init(minutes: note.minutes, place: note.place, entries: [:], signed: false))
    }

    var isComplete: Bool { missing.isEmpty }
    var isSignedOff: Bool { record?.signedOffAt != nil }
    var awaitsSignOff: Bool { isComplete && signOffRequired && !isSignedOff }

    var summary: String {
        if !isComplete { return "Incomplete. Missing: " + missing.map(\.label).joined(separator: "; ") + "." }
        if awaitsSignOff { return "Complete, waiting for a supervisor to sign it off." }
        if isSignedOff { return "Complete and signed off." }
        return "Complete."
    }
}
