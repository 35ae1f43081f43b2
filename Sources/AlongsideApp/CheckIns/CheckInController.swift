import AlongsideDomain
import Fluent
import Vapor

/// Mutuality check-ins after a conversation: the peer answers at their own login or beside their
/// worker on the worker's device; the worker answers on their own. Each person's answers are
/// seen only by the two of them.
enum CheckInController {
    struct Loaded {
        let conversation: Conversation
        let relationship: Relationship
        let peer: Peer
        let viewerIsPeer: Bool
        let ended: Bool
        let opened: RecordDoor.Opened
    }

    static func load(_ request: Request) async throws -> Loaded {
        let note = try await RecordDoor.conversation(request, for: .checkIn, category: .mutuality)
        return Loaded(
            conversation: note.conversation, relationship: note.opened.relationship, peer: note.opened.peer,
            viewerIsPeer: note.opened.viewerIsPeer, ended: note.opened.ended, opened: note.opened)
    }

    static func show(_ request: Request) async throws -> Response {
        let loaded = try await load(request)
        let respondent: Respondent =
            loaded.viewerIsPeer || (try? request.query.get(String.self, at: "as")) == Respondent.peer.rawValue ? .peer : .worker
        try await ReadTrail.note(request, loaded.opened, .checkIn, target: "conversation", targetID: loaded.conversation.id, detail: "read")
        return try await page(request, loaded, respondent: respondent, fields: [:], errors: FieldErrors())
    }

    static func page(
        _ request: Request, _ loaded: Loaded, respondent: Respondent, fields: [String: String], errors: FieldErrors,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let answers = try await CheckInQueries.answers(to: loaded.conversation, on: request.db)
        let worker = try await AccountQueries.names(
            of: [loaded.conversation.writtenBy], in: loaded.relationship.organisationID, on: request.db)
        return CheckInView.render(
            request.viewer, loaded: loaded, items: request.application.mutualityItems, answers: answers, respondent: respondent,
            workerName: worker[loaded.conversation.writtenBy] ?? "your peer worker", fields: fields, errors: errors, status: status)
    }

    static func save(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let loaded = try await load(request)
        let fields = (try? request.content.decode([String: String].self)) ?? [:]
        // A peer always answers as the peer; a worker answers as themselves, or hands the device over.
        let respondent: Respondent = loaded.viewerIsPeer ? .peer : Respondent(rawValue: fields["respondent"] ?? "") ?? .worker
        var errors = FieldErrors()
        // Peer on the worker's device included: only the worker who was in the conversation offers it.
        if !loaded.viewerIsPeer, loaded.conversation.writtenBy != actor.accountID {
            errors.add("checkIn", "You weren't in this conversation, so there's nothing for you to check in on.")
        }
        let existing = try await CheckInQueries.answers(to: loaded.conversation, on: request.db)
        if existing[respondent] != nil {
            errors.add(
                "checkIn",
                respondent == .peer
                    ? "The peer has already checked in on this conversation." : "You've already checked in on this conversation.")
        }
        var parsed: CheckInAnswers?
        switch CheckInAnswers.parse(fields, items: request.application.mutualityItems) {
        case .failure(let problems): errors.merge(problems)
        case .success(let answers): parsed = answers
        }
        guard errors.isEmpty, let answers = parsed else {
            return try await page(
                request, loaded, respondent: respondent, fields: fields, errors: errors,
                status: existing[respondent] != nil ? .conflict : .unprocessableEntity)
        }
        let record = try CheckInRecord(
            conversation: loaded.conversation, respondent: respondent, answers: answers, by: actor.accountID, at: request.now)
        do {
            try await request.db.transaction { db in
                try await record.create(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.checkIn.rawValue, target: "conversation", targetID: loaded.conversation.id?.uuidString,
                    outcome: .success, detail: "\(respondent.rawValue) answered")
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return try await page(
                request, loaded, respondent: respondent, fields: fields,
                errors: FieldErrors(field: "checkIn", "This check-in was already saved, perhaps from another tab."), status: .conflict)
        }
        let id = try loaded.conversation.requireID()
        return request.redirect(to: AppURL.checkIn(id).path + "?saved=\(respondent.rawValue)", redirectType: .normal)
    }
}
