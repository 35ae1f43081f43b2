import AlongsideDomain
import Fluent
import Vapor

/// Writing the note after a conversation, and reading it back with the language guide's suggestions.
enum ConversationsController {
    struct Form: Content {
        var occurredAt: String?
        var minutes: String?
        var mode: String?
        var place: String?
        var reachedOut: String?
        var sharedNote: String?
        var privateReflection: String?
        var forSupervision: String?
        var connection: String?
        var worldview: String?
        var mutuality: String?
        var movingTowards: String?
        var livedExperience: String?
        var others: [String]?

        var raw: ConversationDraft.Raw {
            ConversationDraft.Raw(
                occurredAt: occurredAt, minutes: minutes, mode: mode, place: place, reachedOut: reachedOut, sharedNote: sharedNote,
                privateReflection: privateReflection, forSupervision: forSupervision == "on",
                reflections: [
                    .connection: connection ?? "", .worldview: worldview ?? "", .mutuality: mutuality ?? "",
                    .movingTowards: movingTowards ?? "",
                ],
                livedExperience: livedExperience)
        }

        /// The version the person started editing from, so a stale save can be caught.
        var version: Int?

        init(
            occurredAt: String? = nil, minutes: String? = nil, mode: String? = nil, place: String? = nil, reachedOut: String? = nil,
            sharedNote: String? = nil
        ) {
            self.occurredAt = occurredAt
            self.minutes = minutes
            self.mode = mode
            self.place = place
            self.reachedOut = reachedOut
            self.sharedNote = sharedNote
        }

        /// The note as saved, as the edit form starts; the writer's own words only for the writer.
        init(_ note: Conversation, withOwnWords: Bool) {
            self.init(
                occurredAt: LocalDateTime.text(note.occurredAt), minutes: String(note.minutes), mode: note.mode, place: note.place,
                reachedOut: note.reachedOut, sharedNote: note.sharedNote)
            version = note.version
            guard withOwnWords else { return }
            privateReflection = note.privateReflection
            forSupervision = note.forSupervision ? "on" : nil
            connection = note.connection
            worldview = note.worldview
            mutuality = note.mutuality
            movingTowards = note.movingTowards
            livedExperience = note.livedExperience
        }

        /// The form as shown to someone who isn't the note's writer.
        var withoutOwnWords: Form {
            var form = self
            form.privateReflection = nil
            form.forSupervision = nil
            form.connection = nil
            form.worldview = nil
            form.mutuality = nil
            form.movingTowards = nil
            form.livedExperience = nil
            return form
        }

        func value(_ task: IPSTask) -> String {
            switch task {
            case .connection: connection ?? ""
            case .worldview: worldview ?? ""
            case .mutuality: mutuality ?? ""
            case .movingTowards: movingTowards ?? ""
            }
        }
    }

    static func new(_ request: Request) async throws -> Response {
        let (relationship, peer) = try await RecordDoor.relationship(request, for: .recordConversation, category: .sharedNotes).pair
        let form = Form(occurredAt: LocalDateTime.text(request.now), minutes: "60", reachedOut: "worker")
        return ConversationFormView.render(
            request.viewer,
            purpose: .new(relationshipID: try relationship.requireID(), others: try await groupCandidates(request, relationship)),
            peer: peer, form: form, errors: FieldErrors())
    }

    static func create(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (relationship, peer) = try await RecordDoor.relationship(request, for: .recordConversation, category: .sharedNotes).pair
        let form = (try? request.content.decode(Form.self)) ?? Form()
        let candidates = try await groupCandidates(request, relationship)
        var errors = FieldErrors()
        var draft: ConversationDraft?
        switch ConversationDraft.parse(form.raw, relationshipBegan: relationship.startedAt, now: request.now) {
        case .failure(let problems): errors.merge(problems)
        case .success(let parsed): draft = parsed
        }
        var others: [UUID] = []
        switch GroupConversation.parse(
            others: form.others ?? [], mode: form.mode.flatMap(ConversationMode.init(rawValue:)), eligible: Set(candidates.map(\.id)))
        {
        case .failure(let problems): errors.merge(problems)
        case .success(let ids): others = ids
        }
        guard errors.isEmpty, let draft else {
            return ConversationFormView.render(
                request.viewer, purpose: .new(relationshipID: try relationship.requireID(), others: candidates), peer: peer, form: form,
                errors: errors, status: .unprocessableEntity)
        }
        let conversation = try Conversation(relationship: relationship, draft: draft, writtenBy: actor.accountID, writtenAt: request.now)
        conversation.groupID = others.isEmpty ? nil : UUID()
        try await ConversationStore.record(conversation, copiesFor: others, request: request)
        return request.redirect(to: AppURL.conversation(try conversation.requireID()).path + "?done=saved", redirectType: .normal)
    }

    /// Other peers from this worker's caseload who could have been in a group with this one.
    static func groupCandidates(_ request: Request, _ relationship: Relationship) async throws -> [(id: UUID, name: String)] {
        try await CaseloadQueries.caseload(
            of: relationship.workerID, in: relationship.organisationID, stage: nil, now: request.now, on: request.db
        )
        .filter { $0.stage != .ended && $0.relationshipID != relationship.id }
        .map { ($0.relationshipID, $0.peerName) }
        .sorted { $0.name < $1.name }
    }

    static func show(_ request: Request) async throws -> Response {
        let note = try await RecordDoor.conversation(request, for: .viewConversation)
        let (conversation, relationship, peer) = note.triple
        try await ReadTrail.note(request, note.opened, .viewConversation, target: "conversation", targetID: conversation.id)
        return try await page(request, conversation, relationship, peer)
    }

    /// The note with what the peer said about it, rendered the same way after every action.
    static func page(
        _ request: Request, _ conversation: Conversation, _ relationship: Relationship, _ peer: Peer, answerFor: UUID? = nil,
        answer: String = "", errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let responses = try await NoteResponseQueries.responses(to: conversation, on: request.db)
        var billing: BillingStatus?
        if let (standard, signOff) = try await BillingQueries.standard(
            for: conversation.organisationID, in: request.application.documentationStandards, on: request.db)
        {
            billing = BillingStatus(
                standard: standard, record: try await BillingQueries.record(for: conversation, on: request.db), note: conversation,
                signOffRequired: signOff)
        }
        let notice: String? =
            switch try? request.query.get(String.self, at: "done") {
            case "saved": "Your note is saved."
            case "changed": "Your change is saved. The earlier version is kept in the history."
            case "answered": "Your answer is saved. \(peer.preferredName) will see it beside their request."
            case "billing": "The billing record is saved."
            default: nil
            }
        let group = try await ConversationQueries.groupSiblings(of: conversation, for: request.principal, on: request.db)
        let reviewedPlan =
            try await TowardsReview.query(on: request.db).filter(\.$conversationID == conversation.requireID())
            .filter(\.$organisationID == conversation.organisationID).count() > 0
        return ConversationViews.show(
            request.viewer, conversation: conversation, relationship: relationship, peer: peer, group: group, responses: responses,
            billing: billing, reviewedPlan: reviewedPlan,
            notice: notice,
            answer: .init(responseID: answerFor, text: answer, errors: errors), status: status)
    }
}
