import AlongsideDomain
import Fluent
import Foundation

/// How a relationship ended, saved with its final move.
final class EndingRecord: Model, @unchecked Sendable {
    static let schema = "relationship_endings"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "relationship_id") var relationshipID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "ending_conversation") var endingConversation: Bool
    @Sealed(key: "next_steps") var nextSteps: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    init(relationship: Relationship, ending: Ending, at: Date) throws {
        organisationID = relationship.organisationID
        relationshipID = try relationship.requireID()
        kind = ending.kind.rawValue
        endingConversation = ending.endingConversation
        nextSteps = ending.nextSteps.map(\.rawValue).sorted().joined(separator: ",")
        recordedAt = at
    }

    var ending: Ending? {
        guard let kind = Ending.Kind(rawValue: kind) else { return nil }
        return Ending(
            kind: kind, endingConversation: endingConversation,
            nextSteps: Set(nextSteps.split(separator: ",").compactMap { Ending.NextStep(rawValue: String($0)) }))
    }
}
