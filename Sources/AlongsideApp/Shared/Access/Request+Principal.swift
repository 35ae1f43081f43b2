import AlongsideDomain
import Vapor

/// What the session middleware learned about who is asking.
struct SignedInSession: Sendable {
    let sessionID: UUID
    let actor: Actor
    let displayName: String
    let email: String
    let organisationName: String
    let csrfToken: String
    /// The organisation's setting for gently flagging a quiet relationship, read with the session
    /// because every caseload needs it.
    var quietDays = GentleFlag.defaultQuietDays
    /// Unread notifications, read with the session so every page's navigation can show the count.
    var unreadNotifications = 0
    /// The person's own time zone, or else their organisation's.
    var zone: ZoneRules = .utc
    /// The role whose work the person last chose to land on, when they hold several.
    var landingRole: Role?
}

extension Request {
    private struct SessionKey: StorageKey { typealias Value = SignedInSession }

    var signedIn: SignedInSession? {
        get { storage[SessionKey.self] }
        set { storage[SessionKey.self] = newValue }
    }

    var principal: Principal {
        signedIn.map { .signedIn($0.actor) } ?? .anonymous
    }

    /// The signed-in actor, for handlers behind a policy that already required one.
    func requireActor() throws -> Actor {
        guard let actor = signedIn?.actor else { throw Abort(.unauthorized) }
        return actor
    }

    /// Asks the policy about a specific record, after the handler has loaded it.
    /// A denial is audited and answered as 403 (or 404 where existence itself is private).
    func authorize(_ action: Action, _ resource: Resource, hideAsNotFound: Bool = false) async throws {
        let decision = AccessPolicy.decide(principal, action, resource)
        guard !decision.isAllowed else { return }
        try await audit.record(
            self, action: action.rawValue, target: resource.kind.rawValue,
            targetID: resource.ownerID?.uuidString, outcome: .denied, detail: decision.reason)
        throw hideAsNotFound ? Abort(.notFound) : PageError.forbidden(decision.reason)
    }
}

extension Request {
    /// The signed-in person's own account, in their organisation.
    func ownAccount() async throws -> Account {
        let actor = try requireActor()
        guard let account = try await AccountQueries.find(actor.accountID, in: actor.organisationID, on: db) else {
            throw PageError.notFound
        }
        return account
    }
}
