import AlongsideAPI
import AlongsideDomain
import Fluent
import Vapor

/// Conversations through the API: the same door, parser and store as the note pages. A worker's
/// private reflection can be written here but is never read back.
enum ConversationsAPI {
    typealias Schemas = Components.Schemas

    static func list(
        _ request: Request, relationshipID: String, cursor: String?, limit: Int?, updatedSince: Date?
    ) async throws -> Schemas.ConversationPage {
        let paging = try APIPaging(cursor: cursor, limit: limit)
        let opened = try await RecordDoor.relationship(
            request, raw: relationshipID, for: .viewConversation, category: .sharedNotes, target: "relationship")
        let relationship = opened.relationship
        var query = Conversation.query(on: request.db).filter(\.$organisationID == relationship.organisationID)
            .filter(\.$relationshipID == (try relationship.requireID()))
        if let after = paging.after { query = query.filter(\.$id > after) }
        if let updatedSince {
            query = query.group(.or) { $0.filter(\.$writtenAt >= updatedSince).filter(\.$changedAt >= updatedSince) }
        }
        let notes = try await query.sort(\.$id).limit(paging.limit + 1).all()
        let page = paging.page(notes) { $0.id ?? UUID() }
        try await ReadTrail.note(
            request, opened, .viewConversation, target: "relationship", targetID: relationship.id,
            detail: "\(page.items.count) conversations through the API")
        return Schemas.ConversationPage(items: try page.items.map(shape), nextCursor: page.next)
    }

    static func one(_ request: Request, id: String) async throws -> Schemas.Conversation {
        let note = try await RecordDoor.conversation(request, raw: id, for: .viewConversation)
        try await ReadTrail.note(request, note.opened, .viewConversation, target: "conversation", targetID: note.conversation.id)
        return try shape(note.conversation)
    }

    static func record(_ request: Request, relationshipID: String, _ body: Schemas.ConversationInput) async throws -> Schemas.Conversation {
        let actor = try request.requireActor()
        let relationship = try await RecordDoor.relationship(
            request, raw: relationshipID, for: .recordConversation, category: .sharedNotes, target: "relationship"
        ).relationship
        let raw = ConversationDraft.Raw(
            occurredAt: localFieldText(body.occurredAt), minutes: String(body.minutes), mode: body.mode, place: body.place,
            reachedOut: body.reachedOut, sharedNote: body.sharedNote, privateReflection: body.privateReflection,
            forSupervision: body.forSupervision ?? false, reflections: [:], livedExperience: nil)
        let draft: ConversationDraft
        switch ConversationDraft.parse(raw, relationshipBegan: relationship.startedAt, now: request.now) {
        case .failure(let problems): throw APIProblem.invalid(problems)
        case .success(let parsed): draft = parsed
        }
        // Who else was there is chosen on the web page, which makes each of them a copy.
        guard draft.mode != .group else {
            throw APIProblem.invalid(
                FieldErrors(field: "mode", "Write a group conversation on its page in Alongside, where you choose who else was there."))
        }
        let conversation = try Conversation(relationship: relationship, draft: draft, writtenBy: actor.accountID, writtenAt: request.now)
        try await ConversationStore.record(conversation, copiesFor: [], request: request)
        return try shape(conversation)
    }

    /// The API takes RFC 3339, which says its own offset; the form's local wording is accepted too,
    /// so both are read by the one parser and answered with its messages.
    static func localFieldText(_ text: String) -> String {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return LocalTime.fieldText(date) }
        formatter.formatOptions.insert(.withFractionalSeconds)
        if let date = formatter.date(from: text) { return LocalTime.fieldText(date) }
        return text
    }

    static func shape(_ note: Conversation) throws -> Schemas.Conversation {
        Schemas.Conversation(
            id: try note.requireID().apiText, relationshipId: note.relationshipID.apiText, occurredAt: note.occurredAt,
            minutes: note.minutes, mode: note.mode, place: note.place, reachedOut: note.reachedOut, sharedNote: note.sharedNote,
            writtenBy: note.writtenBy.apiText, writtenAt: note.writtenAt, version: note.version,
            updatedAt: note.changedAt ?? note.writtenAt)
    }
}
