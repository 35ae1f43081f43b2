import AlongsideDomain
import Fluent
import Foundation

/// A version of a conversation note that has since been changed, kept whole. Never updated or
/// deleted: the history of a note is these rows plus the note as it is now.
final class ConversationVersion: Model, @unchecked Sendable {
    static let schema = "conversation_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "conversation_id") var conversationID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "minutes") var minutes: Int
    @Field(key: "mode") var mode: String
    @Sealed(key: "place") var place: String
    @Field(key: "reached_out") var reachedOut: String
    @Sealed(key: "shared_note") var sharedNote: String
    @Sealed(key: "private_reflection") var privateReflection: String
    @Field(key: "for_supervision") var forSupervision: Bool
    @Sealed(key: "connection") var connection: String
    @Sealed(key: "worldview") var worldview: String
    @Sealed(key: "mutuality") var mutuality: String
    @Sealed(key: "moving_towards") var movingTowards: String
    @Sealed(key: "lived_experience") var livedExperience: String
    @Field(key: "written_by") var writtenBy: UUID
    @Field(key: "written_at") var writtenAt: Date

    init() {}

    /// A copy of the note as it stands, about to be superseded.
    init(superseded note: Conversation) throws {
        organisationID = note.organisationID
        conversationID = try note.requireID()
        version = note.version
        occurredAt = note.occurredAt
        minutes = note.minutes
        mode = note.mode
        place = note.place
        reachedOut = note.reachedOut
        sharedNote = note.sharedNote
        privateReflection = note.privateReflection
        forSupervision = note.forSupervision
        connection = note.connection
        worldview = note.worldview
        mutuality = note.mutuality
        movingTowards = note.movingTowards
        livedExperience = note.livedExperience
        writtenBy = note.currentAuthor
        writtenAt = note.currentSince
    }
}
