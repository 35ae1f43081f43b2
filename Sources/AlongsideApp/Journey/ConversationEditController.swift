import AlongsideDomain
import Fluent
import Vapor

/// Changing a note keeps every earlier version; answering a peer's request to change it.
enum ConversationEditController {
    static func edit(_ request: Request) async throws -> Response {
        let (conversation, _, peer) = try await RecordDoor.conversation(request, for: .editConversation).triple
        let ownWords = conversation.showsOwnWords(to: request.signedIn?.actor)
        return ConversationFormView.render(
            request.viewer, purpose: .change(conversationID: try conversation.requireID(), theirs: nil, theirAuthor: nil), peer: peer,
            form: ConversationsController.Form(conversation, withOwnWords: ownWords), errors: FieldErrors(), ownWords: ownWords)
    }

    static func update(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (conversation, relationship, peer) = try await RecordDoor.conversation(request, for: .editConversation).triple
        let id = try conversation.requireID()
        var form = (try? request.content.decode(ConversationsController.Form.self)) ?? ConversationsController.Form()
        let ownWords = conversation.showsOwnWords(to: actor)
        if !ownWords { conversation.keepOwnWords(in: &form) }
        let draft: ConversationDraft
        switch ConversationDraft.parse(form.raw, relationshipBegan: relationship.startedAt, now: request.now) {
        case .failure(let errors):
            return ConversationFormView.render(
                request.viewer, purpose: .change(conversationID: id, theirs: nil, theirAuthor: nil), peer: peer,
                form: ownWords ? form : form.withoutOwnWords, errors: errors, status: .unprocessableEntity, ownWords: ownWords)
        case .success(let parsed): draft = parsed
        }
        do {
            try await ConversationStore.change(
                conversation, to: draft, expectedVersion: form.version ?? -1, by: actor, on: request.db, clock: request.application.clock,
                auditKey: request.application.auditKey)
        } catch is ConversationStore.StaleChange {
            // Show both, lose neither: their saved version beside this person's words, which stay in the form.
            let current =
                try await Conversation.query(on: request.db).filter(\.$id == id)
                .filter(\.$organisationID == actor.organisationID).first() ?? conversation
            let author = try await AccountQueries.names(of: [current.currentAuthor], in: actor.organisationID, on: request.db)
            form.version = current.version
            var errors = FieldErrors()
            errors.add(
                "version",
                "Someone else saved a change to this note while you were editing. Nothing of yours is lost: compare the two, then save again."
            )
            return ConversationFormView.render(
                request.viewer, purpose: .change(conversationID: id, theirs: current, theirAuthor: author[current.currentAuthor]),
                peer: peer,
                form: ownWords ? form : form.withoutOwnWords, errors: errors, status: .conflict, ownWords: ownWords)
        }
        return request.redirect(to: AppURL.conversation(id).path + "?done=changed", redirectType: .normal)
    }

    static func history(_ request: Request) async throws -> Response {
        let (conversation, _, peer) = try await RecordDoor.conversation(request, for: .viewConversation).triple
        let earlier = try await ConversationVersion.query(on: request.db)
            .filter(\.$conversationID == conversation.requireID())
            .filter(\.$organisationID == conversation.organisationID)
            .sort(\.$version, .descending)
            .all()
        let names = try await AccountQueries.names(
            of: earlier.map(\.writtenBy) + [conversation.currentAuthor], in: conversation.organisationID, on: request.db)
        try await request.audit.record(
            request, action: "viewConversationHistory", target: "conversation", targetID: conversation.id?.uuidString, outcome: .success)
        return ConversationHistoryView.render(
            request.viewer, current: conversation, earlier: earlier, names: names, peer: peer,
            ownWords: conversation.showsOwnWords(to: request.signedIn?.actor))
    }

    struct AnswerForm: Content {
        var answer: String?
    }

    /// The peer's comment or request named in the address, on this note; anything else is a 404, audited.
    static func peersResponse(_ request: Request, on conversationID: UUID) async throws -> NoteResponse {
        let actor = try request.requireActor()
        let raw = request.parameters.get("responseID") ?? ""
        guard let responseID = UUID(uuidString: raw),
            let response = try await NoteResponse.query(on: request.db).filter(\.$id == responseID)
                .filter(\.$conversationID == conversationID).filter(\.$organisationID == actor.organisationID).first()
        else {
            try await request.audit.record(
                request, action: Action.answerCorrection.rawValue, target: "noteResponse", targetID: String(raw.prefix(64)),
                outcome: .denied, detail: "no such response on this note")
            throw PageError.notFound
        }
        return response
    }

    /// The worker puts a peer's comment aside once read: it leaves their home page, and stays on the note.
    static func dismiss(_ request: Request) async throws -> Response {
        let (conversation, _, _) = try await RecordDoor.conversation(request, for: .answerCorrection).triple
        let conversationID = try conversation.requireID()
        let response = try await peersResponse(request, on: conversationID)
        let responseID = try response.requireID()
        // A request for a change is answered, never put aside: the note is where to answer it.
        guard response.responseKind == .comment else {
            return request.redirect(to: AppURL.conversation(conversationID).path, redirectType: .normal)
        }
        if response.dismissedAt == nil {
            response.dismissedAt = request.now
            try await request.db.transaction { db in
                try await response.save(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.answerCorrection.rawValue, target: "noteResponse", targetID: responseID.uuidString,
                    outcome: .success, detail: "comment put aside")
            }
        }
        return request.redirect(to: AppURL.home.path, redirectType: .normal)
    }

    static func answer(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (conversation, relationship, peer) = try await RecordDoor.conversation(request, for: .answerCorrection).triple
        let conversationID = try conversation.requireID()
        let response = try await peersResponse(request, on: conversationID)
        let responseID = try response.requireID()
        let form = (try? request.content.decode(AnswerForm.self)) ?? AnswerForm()
        switch NoteResponseText.parse(form.answer, field: "answer", what: "your answer to \(peer.preferredName)") {
        case .failure(let errors):
            return try await ConversationsController.page(
                request, conversation, relationship, peer, answerFor: responseID, answer: form.answer ?? "", errors: errors,
                status: .unprocessableEntity)
        case .success(let text):
            guard response.isOpenCorrection else {
                // Already answered (perhaps in another tab): nothing to do, and nothing overwritten.
                return request.redirect(to: AppURL.conversation(conversationID).path, redirectType: .normal)
            }
            response.answer = text
            response.answeredBy = actor.accountID
            response.answeredAt = request.now
            try await request.db.transaction { db in
                try await response.save(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.answerCorrection.rawValue, target: "noteResponse", targetID: responseID.uuidString,
                    outcome: .success)
                if let peerAccount = peer.accountID {
                    try await Outbox.queue(
                        .correctionAnswered, to: [peerAccount], in: relationship.organisationID, link: .portalNote(conversationID),
                        application: request.application, at: request.now, on: db)
                }
            }
            return request.redirect(to: AppURL.conversation(conversationID).path + "?done=answered", redirectType: .normal)
        }
    }
}
