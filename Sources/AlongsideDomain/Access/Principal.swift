import Foundation

/// Someone signed in: which account, in which organisation, holding which roles.
public struct Actor: Sendable, Equatable {
    public let accountID: UUID
    public let organisationID: UUID
    public let roles: Set<Role>

    public init(accountID: UUID, organisationID: UUID, roles: Set<Role>) {
        self.accountID = accountID
        self.organisationID = organisationID
        self.roles = roles
    }

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
