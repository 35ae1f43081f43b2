import AlongsideDomain
import Fluent
import Foundation

/// One person's answers after one conversation. The peer and the worker each answer once.
final class CheckInRecord: Model, @unchecked Sendable {
    static let schema = "check_ins"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "relationship_id") var relationshipID: UUID
    @Field(key: "conversation_id") var conversationID: UUID
    @Field(key: "respondent") var respondent: String
    @Field(key: "answered_by") var answeredBy: UUID
    @Field(key: "scores") var scores: String
    @Sealed(key: "line") var line: String
    @Field(key: "answered_at") var answeredAt: Date

    init() {}

    init(conversation: Conversation, respondent: Respondent, answers: CheckInAnswers, by: UUID, at: Date) throws {
        organisationID = conversation.organisationID
        relationshipID = conversation.relationshipID
        conversationID = try conversation.requireID()
        self.respondent = respondent.rawValue
        answeredBy = by
        scores = answers.encoded()
        line = answers.line
        answeredAt = at
    }

    var answers: CheckInAnswers { CheckInAnswers(scores: CheckInAnswers.decodeScores(scores), line: line) }
}
