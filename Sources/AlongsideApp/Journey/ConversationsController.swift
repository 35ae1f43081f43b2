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
        let (relationship, peer) = try await RelationshipAccess.load(request, for: .recordConversation, category: .sharedNotes)
        let form = Form(occurredAt: LocalDateTime.text(request.now), minutes: "60", reachedOut: "worker")
        return ConversationViews.new(request, relationship: relationship, peer: peer, form: form, errors: FieldErrors())
    }

    static func create(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (relationship, peer) = try await RelationshipAccess.load(request, for: .recordConversation, category: .sharedNotes)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        switch ConversationDraft.parse(form.raw, relationshipBegan: relationship.startedAt, now: request.now) {
        case .failure(let errors):
            return ConversationViews.new(
                request, relationship: relationship, peer: peer, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let draft):
            let conversation = try Conversation(
                relationship: relationship, draft: draft, writtenBy: actor.accountID, writtenAt: request.now)
            try await request.db.transaction { db in
                try await conversation.create(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.recordConversation.rawValue, target: "conversation", targetID: conversation.id?.uuidString,
                    outcome: .success)
            }
            return request.redirect(to: AppURL.conversation(try conversation.requireID()).path + "?saved=1", redirectType: .normal)
        }
    }

    static func show(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let raw = request.parameters.get("conversationID") ?? ""
        guard let id = UUID(uuidString: raw),
            let conversation = try await Conversation.query(on: request.db).filter(\.$id == id)
                .filter(\.$organisationID == actor.organisationID).first(),
            let relationship = try await Relationship.query(on: request.db).filter(\.$id == conversation.relationshipID)
                .filter(\.$organisationID == actor.organisationID).first(),
            let peer = try await Peer.find(relationship.peerID, on: request.db)
        else {
            try await request.audit.record(
                request, action: Action.viewConversation.rawValue, target: "conversation", targetID: String(raw.prefix(64)),
                outcome: .denied, detail: "no such conversation in this organisation")
            throw PageError.notFound
        }
        try await request.authorize(.viewConversation, relationship.resource(.sharedNotes), hideAsNotFound: true)
        try await request.audit.record(
            request, action: Action.viewConversation.rawValue, target: "conversation", targetID: id.uuidString, outcome: .success)
        let saved = (try? request.query.get(String.self, at: "saved")) == "1"
        return ConversationViews.show(request, conversation: conversation, relationship: relationship, peer: peer, saved: saved)
    }
}

/// Reads `relationshipID` from the path and loads it for an action, the one way every
/// relationship screen does it.
enum RelationshipAccess {
    static func load(_ request: Request, for action: Action, category: InformationCategory = .journey) async throws -> (Relationship, Peer)
    {
        let actor = try request.requireActor()
        let raw = request.parameters.get("relationshipID") ?? ""
        guard let id = UUID(uuidString: raw),
            let relationship = try await Relationship.query(on: request.db).filter(\.$id == id)
                .filter(\.$organisationID == actor.organisationID).first(),
            let peer = try await Peer.query(on: request.db).filter(\.$id == relationship.peerID)
                .filter(\.$organisationID == actor.organisationID).first()
        else {
            try await request.audit.record(
                request, action: action.rawValue, target: "relationship", targetID: String(raw.prefix(64)), outcome: .denied,
                detail: "no such relationship in this organisation")
            throw PageError.notFound
        }
        try await request.authorize(action, relationship.resource(category), hideAsNotFound: true)
        return (relationship, peer)
    }
}

/// The value a browser's date-and-time field expects, e.g. `2026-11-24T09:30` (UTC for now).
enum LocalDateTime {
    static func text(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }
}
