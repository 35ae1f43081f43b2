import AlongsideDomain
import Fluent
import Vapor

/// The peer portal: a peer reads their own journey and shared notes, comments on a note, or asks
/// for it to change. Nothing they ask for overwrites anything.
enum PortalController {
    static func home(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        guard let peer = try await PortalQueries.peer(of: actor.accountID, in: actor.organisationID, on: request.db) else {
            return PortalViews.notLinked(request.viewer)
        }
        try await request.authorize(.viewOwnRecord, peer.resource(.journey))
        let journeys = try await PortalQueries.journeys(of: peer, now: request.now, on: request.db)
        var plans: [UUID: PeerPlansSection.Summary] = [:]
        for journey in journeys {
            if let id = journey.relationship.id,
                let summary = try await PeerPlansSection.Summary.load(
                    request, relationship: journey.relationship, peer: peer,
                    ended: try await JourneyStore.hasEnded(journey.relationship, on: request.db), workerName: journey.workerName)
            {
                plans[id] = summary
            }
        }
        try await request.audit.record(
            request, action: Action.viewOwnRecord.rawValue, target: "peer", targetID: peer.id?.uuidString, outcome: .success)
        let disclosures = try await DisclosureController.shown(
            of: journeys.map(\.relationship.workerID), to: .peers, in: peer.organisationID, on: request.db)
        return PortalViews.home(request.viewer, peer: peer, journeys: journeys, plans: plans, disclosures: disclosures)
    }

    static func note(_ request: Request) async throws -> Response {
        let (note, relationship, peer) = try await RecordDoor.conversation(request, for: .viewOwnRecord).triple
        try await request.audit.record(
            request, action: Action.viewOwnRecord.rawValue, target: "conversation", targetID: note.id?.uuidString, outcome: .success)
        return try await page(request, note, relationship, peer)
    }

    struct ResponseForm: Content {
        var comment: String?
        var correction: String?
    }

    static func comment(_ request: Request) async throws -> Response {
        try await respond(request, kind: .comment, action: .commentOnNote)
    }

    static func requestCorrection(_ request: Request) async throws -> Response {
        try await respond(request, kind: .correction, action: .requestCorrection)
    }

    private static func respond(_ request: Request, kind: NoteResponseKind, action: Action) async throws -> Response {
        let actor = try request.requireActor()
        let (note, relationship, peer) = try await RecordDoor.conversation(request, for: action).triple
        let form = (try? request.content.decode(ResponseForm.self)) ?? ResponseForm()
        let raw = kind == .comment ? form.comment : form.correction
        let what = kind == .comment ? "your comment" : "what you'd like changed"
        switch NoteResponseText.parse(raw, field: kind.rawValue, what: what) {
        case .failure(let errors):
            return try await page(request, note, relationship, peer, form: form, errors: errors, status: .unprocessableEntity)
        case .success(let text):
            let response = try NoteResponse(on: note, kind: kind, body: text, by: actor.accountID, at: request.now)
            try await request.db.transaction { db in
                try await response.create(on: db)
                try await request.audit(on: db).record(
                    request, action: action.rawValue, target: "conversation", targetID: note.id?.uuidString, outcome: .success)
            }
            return request.redirect(to: AppURL.portalNote(try note.requireID()).path + "?sent=\(kind.rawValue)", redirectType: .normal)
        }
    }

    private static func page(
        _ request: Request, _ note: Conversation, _ relationship: Relationship, _ peer: Peer, form: ResponseForm = ResponseForm(),
        errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let responses = try await NoteResponseQueries.responses(to: note, on: request.db)
        let wordings = try await PortalQueries.earlierWordings(of: note, on: request.db)
        let worker = try await AccountQueries.names(of: [relationship.workerID], in: relationship.organisationID, on: request.db)
        let sent = try? request.query.get(String.self, at: "sent")
        return PortalViews.note(
            request.viewer, note: note, workerName: worker[relationship.workerID] ?? "your peer worker", responses: responses,
            earlierWordings: wordings, sent: NoteResponseKind(rawValue: sent ?? ""), form: form, errors: errors, status: status)
    }
}

extension Peer {
    /// What the access policy needs to know: whose record this is.
    func resource(_ category: InformationCategory) -> Resource {
        Resource(kind: .peer, organisationID: organisationID, ownerID: accountID, category: category)
    }
}
