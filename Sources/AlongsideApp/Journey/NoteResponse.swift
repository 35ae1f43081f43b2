import AlongsideDomain
import Fluent
import Foundation

/// A peer's comment on a shared note, or their request to change it, and the worker's answer.
final class NoteResponse: Model, @unchecked Sendable {
    static let schema = "note_responses"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "conversation_id") var conversationID: UUID
    @Field(key: "kind") var kind: String
    @Sealed(key: "body") var body: String
    @Field(key: "written_by") var writtenBy: UUID
    @Field(key: "written_at") var writtenAt: Date
    @Field(key: "note_version") var noteVersion: Int
    @OptionalSealed(key: "answer") var answer: String?
    @OptionalField(key: "answered_by") var answeredBy: UUID?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    /// When the worker put a comment aside from their home page (it stays on the note).
    @OptionalField(key: "dismissed_at") var dismissedAt: Date?

    init() {}

    init(on note: Conversation, kind: NoteResponseKind, body: String, by: UUID, at: Date) throws {
        organisationID = note.organisationID
        conversationID = try note.requireID()
        self.kind = kind.rawValue
        self.body = body
        writtenBy = by
        writtenAt = at
        noteVersion = note.version
    }

    var responseKind: NoteResponseKind { NoteResponseKind(rawValue: kind) ?? .comment }
    var isOpenCorrection: Bool { responseKind == .correction && answeredAt == nil }
}
