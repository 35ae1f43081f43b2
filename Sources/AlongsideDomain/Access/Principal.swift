import Foundation

/// Someone signed in: which account, in which organisation, holding which roles.
public struct Actor: Sendable, Equatable {
    public let accountID: UUID
    public let organisationID: UUID
    public let roles: Set<Role>
    /// Their service requires a second factor for staff and they haven't set theirs up: until
    /// they do, they may only set it up or sign out.
    public let mustSetUpSecondFactor: Bool
    /// When they act through a personal access token: the areas it reaches. A token never acts
    /// beyond its person's roles, and never beyond these; a session has none.
    public let tokenScopes: TokenScopes?

    public init(
        accountID: UUID, organisationID: UUID, roles: Set<Role>, mustSetUpSecondFactor: Bool = false, tokenScopes: TokenScopes? = nil
    ) {
        self.accountID = accountID
        self.organisationID = organisationID
        self.roles = roles
        self.mustSetUpSecondFactor = mustSetUpSecondFactor
        self.tokenScopes = tokenScopes
    }

    /// Anyone who works for the service, as against a peer reading their own record.
    public var isStaff: Bool { !roles.subtracting([.peer]).isEmpty }

    public func holds(_ role: Role) -> Bool { roles.contains(role) }
}

/// Who is asking: nobody yet, or a signed-in actor.
public enum Principal: Sendable, Equatable {
    case anonymous
    case signedIn(Actor)

    public var actor: Actor? {
        if case .signedIn(let actor) = self { return actor }
        return nil
    }
}
