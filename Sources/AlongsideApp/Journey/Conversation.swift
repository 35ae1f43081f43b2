import AlongsideDomain
import Fluent
import Foundation

/// The note after a conversation: the shared note the peer can read, and the worker's own
/// reflections, which stay with the worker unless they bring them to supervision.
final class Conversation: Model, @unchecked Sendable {
    static let schema = "conversations"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "relationship_id") var relationshipID: UUID
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
    @Field(key: "version") var version: Int
    @OptionalField(key: "changed_by") var changedBy: UUID?
    @OptionalField(key: "changed_at") var changedAt: Date?
    /// Shared by every peer's copy of one group conversation.
    @OptionalField(key: "group_id") var groupID: UUID?

    init() {}

    init(relationship: Relationship, draft: ConversationDraft, writtenBy: UUID, writtenAt: Date) throws {
        organisationID = relationship.organisationID
        relationshipID = try relationship.requireID()
        version = 1
        apply(draft)
        self.writtenBy = writtenBy
        self.writtenAt = writtenAt
    }

    /// Who wrote the version the row holds now, and when.
    var currentAuthor: UUID { changedBy ?? writtenBy }

    /// The reflections, lived-experience lines and private reflection are the writer's own.
    var ownWordsResource: Resource {
        Resource(kind: .conversation, organisationID: organisationID, ownerID: writtenBy, category: .practiceReflection)
    }

    /// Whether this person may read the writer's own words on this note.
    func showsOwnWords(to actor: Actor?) -> Bool {
        guard let actor else { return false }
        return AccessPolicy.decide(.signedIn(actor), .readWorkersOwnWords, ownWordsResource).isAllowed
    }

    /// Another worker changing the note (after a handover) changes what is shared only: the
    /// writer's own words go through unchanged, without ever being shown to them.
    func keepOwnWords(in form: inout ConversationsController.Form) {
        form.privateReflection = privateReflection
        form.forSupervision = forSupervision ? "on" : nil
        form.connection = connection
        form.worldview = worldview
        form.mutuality = mutuality
        form.movingTowards = movingTowards
        form.livedExperience = livedExperience
    }
    var currentSince: Date { changedAt ?? writtenAt }

    /// Another peer's copy of a group conversation: when, how and the shared note about the group,
    /// but none of the worker's own reflections, which stay on the copy they were written on.
    func copy(for relationship: Relationship) throws -> Conversation {
        let copy = Conversation()
        copy.organisationID = organisationID
        copy.relationshipID = try relationship.requireID()
        copy.occurredAt = occurredAt
        copy.minutes = minutes
        copy.mode = mode
        copy.place = place
        copy.reachedOut = reachedOut
        copy.sharedNote = sharedNote
        copy.privateReflection = ""
        copy.forSupervision = false
        copy.connection = ""
        copy.worldview = ""
        copy.mutuality = ""
        copy.movingTowards = ""
        copy.livedExperience = ""
        copy.writtenBy = writtenBy
        copy.writtenAt = writtenAt
        copy.version = 1
        copy.groupID = groupID
        return copy
    }

    func apply(_ draft: ConversationDraft) {
        occurredAt = draft.occurredAt
        minutes = draft.minutes
        mode = draft.mode.rawValue
        place = draft.place
        reachedOut = draft.reachedOut.rawValue
        sharedNote = draft.sharedNote
        privateReflection = draft.privateReflection
        forSupervision = draft.forSupervision
        connection = draft.reflections[.connection] ?? ""
        worldview = draft.reflections[.worldview] ?? ""
        mutuality = draft.reflections[.mutuality] ?? ""
        movingTowards = draft.reflections[.movingTowards] ?? ""
        livedExperience = draft.livedExperience
    }

    func reflection(_ task: IPSTask) -> String {
        switch task {
        case .connection: connection
        case .worldview: worldview
        case .mutuality: mutuality
        case .movingTowards: movingTowards
        }
    }
}
