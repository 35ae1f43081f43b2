import AlongsideDomain
import Fluent
import Foundation

/// A relationship's moving-towards plan: the peer's vision in their words. `version` rises with
/// every change to the vision, so two people editing at once can't silently overwrite each other.
final class TowardsPlan: Model, @unchecked Sendable {
    static let schema = "towards_plans"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "relationship_id") var relationshipID: UUID
    @Sealed(key: "vision") var vision: String
    @Field(key: "version") var version: Int
    @Field(key: "began_at") var beganAt: Date
    @Field(key: "updated_by") var updatedBy: UUID
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(relationship: Relationship, by: UUID, at: Date) throws {
        organisationID = relationship.organisationID
        relationshipID = try relationship.requireID()
        vision = ""
        version = 0
        beganAt = at
        updatedBy = by
        updatedAt = at
    }
}

/// One step towards the vision, with who takes it and, if they want one, a date.
final class TowardsStep: Model, @unchecked Sendable {
    static let schema = "towards_steps"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "plan_id") var planID: UUID
    @Sealed(key: "text") var text: String
    @Field(key: "taker") var taker: String
    @Sealed(key: "someone") var someone: String
    @OptionalField(key: "by_when") var byWhen: Date?
    @Field(key: "state") var state: String
    @Field(key: "version") var version: Int
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_by") var updatedBy: UUID
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(plan: TowardsPlan, draft: TowardsStepDraft, by: UUID, at: Date) throws {
        organisationID = plan.organisationID
        planID = try plan.requireID()
        text = draft.text
        taker = draft.taker.rawValue
        someone = draft.someone
        byWhen = draft.byWhen
        state = draft.state.rawValue
        version = 1
        createdBy = by
        createdAt = at
        updatedBy = by
        updatedAt = at
    }

    var stepState: StepState { StepState(rawValue: state) ?? .thinking }
    var stepTaker: StepTaker { StepTaker(rawValue: taker) ?? .both }

    /// Who takes it, in the words of the person reading.
    func takerText(forPeer: Bool) -> String {
        if stepTaker == .someoneElse, !someone.isEmpty { return someone }
        return forPeer ? stepTaker.forThePeer : stepTaker.displayName
    }
}

/// "What we learned along the way", written by either of them. Entries are added, never changed.
final class TowardsLearning: Model, @unchecked Sendable {
    static let schema = "towards_learnings"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "plan_id") var planID: UUID
    @Sealed(key: "text") var text: String
    @Field(key: "written_by") var writtenBy: UUID
    @Field(key: "written_at") var writtenAt: Date

    init() {}

    init(plan: TowardsPlan, text: String, by: UUID, at: Date) throws {
        organisationID = plan.organisationID
        planID = try plan.requireID()
        self.text = text
        writtenBy = by
        writtenAt = at
    }
}

/// Looking at the plan together in a conversation.
final class TowardsReview: Model, @unchecked Sendable {
    static let schema = "towards_reviews"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "plan_id") var planID: UUID
    @Field(key: "conversation_id") var conversationID: UUID
    @Sealed(key: "text") var text: String
    @Field(key: "written_by") var writtenBy: UUID
    @Field(key: "written_at") var writtenAt: Date

    init() {}

    init(plan: TowardsPlan, conversationID: UUID, text: String, by: UUID, at: Date) throws {
        organisationID = plan.organisationID
        planID = try plan.requireID()
        self.conversationID = conversationID
        self.text = text
        writtenBy = by
        writtenAt = at
    }
}
