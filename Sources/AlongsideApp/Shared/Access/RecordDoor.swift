import AlongsideDomain
import Fluent
import Vapor

/// The one door to every record about a peer. Each screen names what it opens (a relationship,
/// a note, a concern, a peer) and for which action; the door parses the id, scopes it to the
/// actor's organisation, builds the policy's `Resource` (worker, supervisors, owner, ended,
/// category and, when the relationship alone doesn't let the reader in, the peer's consents),
/// asks the one policy, and answers 404, audited, for anything the actor may not know exists.
/// No screen loads a peer's record any other way.
enum RecordDoor {
    /// What the door opened, and on what grounds.
    struct Opened: Sendable {
        let relationship: Relationship
        let peer: Peer
        let ended: Bool
        /// The person asking is the peer whose record this is.
        let viewerIsPeer: Bool
        let supervisors: Set<UUID>
        let category: InformationCategory
        /// The consent the read rests on, when it rests on one: the screen says so.
        let consent: ConsentProvision?
        /// The peer's consents as read for this request: empty when the relationship decided.
        let consentSet: ConsentSet
        /// The emergency opening the read rests on, when neither relationship nor consent lets them in.
        var breakGlass: BreakGlassRecord? = nil

        var pair: (Relationship, Peer) { (relationship, peer) }
    }

    struct OpenedNote: Sendable {
        let conversation: Conversation
        let opened: Opened
        var triple: (Conversation, Relationship, Peer) { (conversation, opened.relationship, opened.peer) }
    }

    /// A further category of a record already opened, as one page of several parts asks.
    struct Shown: Sendable {
        let category: InformationCategory
        let consent: ConsentProvision?
    }

    /// The relationship named by `relationshipID` in the path.
    static func relationship(_ request: Request, for action: Action, category: InformationCategory = .journey) async throws -> Opened {
        let raw = request.parameters.get("relationshipID") ?? ""
        return try await relationship(request, raw: raw, for: action, category: category, target: "relationship")
    }

    /// A relationship by id, for records that hang from one (a step, a plan, a concern).
    static func relationship(
        _ request: Request, raw: String, id: UUID? = nil, for action: Action, category: InformationCategory, target: String,
        worker: UUID? = nil
    ) async throws -> Opened {
        let actor = try request.requireActor()
        guard let id = id ?? UUID(uuidString: raw),
            let (relationship, peer) = try await RecordLookup.relationship(id: id, in: actor.organisationID, on: request.readDB)
        else { throw try await refuse(request, action, target: target, raw: raw) }
        return try await open(
            request, actor, action, [category], relationship, peer, worker: worker ?? relationship.workerID, target: target)
    }

    /// The conversation named by `conversationID`, with its relationship. `worker` says whose
    /// record it is for the policy when that isn't the relationship's worker now (a reflection
    /// stays with the worker who wrote it).
    static func conversation(
        _ request: Request, for action: Action, category: InformationCategory = .sharedNotes,
        worker: (@Sendable (Conversation) -> UUID)? = nil,
        only: (@Sendable (QueryBuilder<Conversation>) -> QueryBuilder<Conversation>)? = nil
    ) async throws -> OpenedNote {
        try await conversation(
            request, raw: request.parameters.get("conversationID") ?? "", for: action, category: category, worker: worker, only: only)
    }

    /// A conversation by the id given, for callers that don't name it in the path (the API).
    static func conversation(
        _ request: Request, raw: String, for action: Action, category: InformationCategory = .sharedNotes,
        worker: (@Sendable (Conversation) -> UUID)? = nil,
        only: (@Sendable (QueryBuilder<Conversation>) -> QueryBuilder<Conversation>)? = nil
    ) async throws -> OpenedNote {
        let actor = try request.requireActor()
        let db = request.readDB
        var query = Conversation.query(on: db).filter(\.$organisationID == actor.organisationID)
        if let only { query = only(query) }
        guard let id = UUID(uuidString: raw), let conversation = try await query.filter(\.$id == id).first(),
            let (relationship, peer) = try await RecordLookup.relationship(
                id: conversation.relationshipID, in: actor.organisationID, on: db)
        else { throw try await refuse(request, action, target: "conversation", raw: raw) }
        let opened = try await open(
            request, actor, action, [category], relationship, peer, worker: worker?(conversation) ?? relationship.workerID,
            target: "conversation")
        return OpenedNote(conversation: conversation, opened: opened)
    }

    /// A peer by `peerID`, for reading across their relationships (what they share under consent).
    /// The relationship is their latest one: its worker and supervisors are the ones a consent names.
    /// The door opens on the first of `categories` the reader may see; any other is asked with `shown`.
    static func peer(_ request: Request, for action: Action, categories: [InformationCategory]) async throws -> Opened {
        let actor = try request.requireActor()
        let raw = request.parameters.get("peerID") ?? ""
        let db = request.readDB
        guard let id = UUID(uuidString: raw),
            let peer = try await Peer.query(on: db).filter(\.$id == id).filter(\.$organisationID == actor.organisationID).first(),
            let relationship = try await Relationship.query(on: db).filter(\.$peerID == id)
                .filter(\.$organisationID == actor.organisationID).sort(\.$startedAt, .descending).first()
        else { throw try await refuse(request, action, target: "peer", raw: raw) }
        return try await open(request, actor, action, categories, relationship, peer, worker: relationship.workerID, target: "peer")
    }

    /// Asks the policy about one more category of a record already opened (a page showing several).
    static func shown(_ request: Request, _ opened: Opened, _ action: Action, _ category: InformationCategory) -> Shown? {
        guard let actor = request.signedIn?.actor else { return nil }
        let resource = opened.relationship.peerResource(
            category, peer: opened.peer, ended: opened.ended, supervisorIDs: opened.supervisors, consents: opened.consentSet,
            breakGlass: opened.breakGlass != nil)
        guard AccessPolicy.decide(.signedIn(actor), action, resource).isAllowed else { return nil }
        return Shown(category: category, consent: AccessPolicy.consentFor(actor, resource))
    }

    private static func open(
        _ request: Request, _ actor: Actor, _ action: Action, _ categories: [InformationCategory], _ relationship: Relationship,
        _ peer: Peer, worker: UUID, target: String
    ) async throws -> Opened {
        let principal = Principal.signedIn(actor)
        let db = request.readDB
        let supervisors =
            actor.holds(.supervisor) ? try await SupervisionQueries.supervisors(of: worker, in: actor.organisationID, on: db) : []
        let ended = try await JourneyStore.hasEnded(relationship, on: db)
        func resource(_ category: InformationCategory, _ consents: ConsentSet, glass: Bool = false) -> Resource {
            Resource(
                kind: .relationship, organisationID: relationship.organisationID, ownerID: peer.accountID, workerID: worker,
                category: category, supervisorIDs: supervisors, relationshipEnded: ended, consents: consents, breakGlass: glass)
        }
        func firstAllowed(_ consents: ConsentSet, glass: Bool = false) -> (InformationCategory, Resource)? {
            for category in categories {
                let candidate = resource(category, consents, glass: glass)
                if AccessPolicy.decide(principal, action, candidate).isAllowed { return (category, candidate) }
            }
            return nil
        }
        var consentSet = ConsentSet.none
        var glass: BreakGlassRecord?
        var allowed = firstAllowed(consentSet)
        // Consents and emergency openings only ever add to what the relationship allows, so they
        // are read only when it doesn't.
        if allowed == nil, actor.isStaff {
            consentSet = ConsentSet(try await ConsentQueries.provisions(of: peer, on: db), asOf: request.now)
            allowed = firstAllowed(consentSet)
            if allowed == nil, let open = try await BreakGlassRecord.open(peer: peer, by: actor.accountID, now: request.now, on: db) {
                glass = open
                allowed = firstAllowed(consentSet, glass: true)
            }
        }
        guard let (category, decided) = allowed else {
            let reason = categories.first.map { AccessPolicy.decide(principal, action, resource($0, consentSet)).reason } ?? ""
            try await request.audit.record(
                request, action: action.rawValue, target: target, targetID: relationship.id?.uuidString, outcome: .denied,
                detail: reason)
            throw Abort(.notFound)
        }
        return Opened(
            relationship: relationship, peer: peer, ended: ended, viewerIsPeer: peer.accountID == actor.accountID,
            supervisors: supervisors, category: category, consent: AccessPolicy.consentFor(actor, decided), consentSet: consentSet,
            breakGlass: glass)
    }

    private static func refuse(_ request: Request, _ action: Action, target: String, raw: String) async throws -> Error {
        try await request.audit.record(
            request, action: action.rawValue, target: target, targetID: String(raw.prefix(64)), outcome: .denied,
            detail: "no such \(target) in this organisation")
        return PageError.notFound
    }
}
