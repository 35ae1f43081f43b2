import AlongsideDomain
import Fluent
import Foundation

/// A conversation the peer and worker have planned. Cancelling keeps the row.
final class PlannedConversation: Model, @unchecked Sendable {
    static let schema = "planned_conversations"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "relationship_id") var relationshipID: UUID
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "minutes") var minutes: Int
    @Field(key: "mode") var mode: String
    @Sealed(key: "place") var place: String
    @Field(key: "planned_by") var plannedBy: UUID
    @Field(key: "planned_at") var plannedAt: Date
    @OptionalField(key: "cancelled_at") var cancelledAt: Date?
    @OptionalField(key: "cancelled_by") var cancelledBy: UUID?

    init() {}

    init(relationship: Relationship, draft: PlannedConversationDraft, by: UUID, at: Date) throws {
        organisationID = relationship.organisationID
        relationshipID = try relationship.requireID()
        startsAt = draft.startsAt
        minutes = draft.minutes
        mode = draft.mode.rawValue
        place = draft.place
        plannedBy = by
        plannedAt = at
    }

    /// "Tuesday 1 December 2026 at 10:00 UTC, in person, at the library (45 minutes)"
    var summary: String { summary(withPlace: true) }

    /// Without the place for readers who see when, not where (a coordinator).
    func summary(withPlace: Bool) -> String {
        let how = ConversationMode(rawValue: mode)?.displayName.lowercased() ?? mode
        return "\(DateText.long(startsAt)), \(how)" + (place.isEmpty || !withPlace ? "" : ", at \(place)") + " (\(minutes) minutes)"
    }
}
