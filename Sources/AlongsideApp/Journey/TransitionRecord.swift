import AlongsideDomain
import Fluent
import Foundation

/// One move in a relationship's journey. Never updated or deleted.
final class TransitionRecord: Model, @unchecked Sendable {
    static let schema = "stage_transitions"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "relationship_id") var relationshipID: UUID
    @Field(key: "position") var position: Int
    @OptionalField(key: "from_stage") var fromStage: String?
    @Field(key: "to_stage") var toStage: String
    @Field(key: "at") var at: Date
    @Field(key: "moved_by") var movedBy: UUID
    @Field(key: "initiated_by") var initiatedBy: String
    @Sealed(key: "reason") var reason: String

    init() {}

    init(relationship: Relationship, position: Int, from: Stage?, move: StageMove, at: Date, movedBy: UUID) throws {
        organisationID = relationship.organisationID
        relationshipID = try relationship.requireID()
        self.position = position
        fromStage = from?.rawValue
        toStage = move.to.rawValue
        self.at = at
        self.movedBy = movedBy
        initiatedBy = move.initiatedBy.rawValue
        reason = move.reason
    }

    var transition: StageTransition? {
        guard let to = Stage(rawValue: toStage), let initiator = Initiator(rawValue: initiatedBy) else { return nil }
        return StageTransition(from: fromStage.flatMap(Stage.init(rawValue:)), to: to, at: at, initiatedBy: initiator)
    }
}
