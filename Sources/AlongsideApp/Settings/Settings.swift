import AlongsideDomain
import Foundation

/// Everything Alongside reads from its environment, read once at start-up and grouped by concern.
/// Each setting has a row in the README's configuration table.
public struct Settings: Sendable {
    public var database: DatabaseSettings
    public var sessions: SessionSettings
    public var security: SecuritySettings
    public var server: ServerSettings
    /// A service's own wording of the mutuality check-in items, instead of the ones shipped.
    public var mutualityItemsFile: String?

    public init(
        database: DatabaseSettings, sessions: SessionSettings = .init(),
        security: SecuritySettings = .init(), server: ServerSettings = .init()
    ) {
        self.database = database
        self.sessions = sessions
        self.security = security
        self.server = server
    }
}

public enum DatabaseSettings: Sendable, Equatable {
    /// A SQLite file inside `dataDirectory`, created on first run.
    case sqliteFile(dataDirectory: String)
    /// PostgreSQL; `schema`, when given, is used as the search path (each test gets its own).
    case postgres(url: String, schema: String? = nil)
}

public struct SessionSettings: Sendable {
    public var lifetime = SessionLifetime()
    /// Mark cookies `Secure`; turn on whenever Alongside is reached over TLS.
    public var secureCookies = false
    public init() {}
}

public struct SecuritySettings: Sendable {
    public var throttle = LoginThrottle()
    public var inviteLifetime: TimeInterval = 72 * 60 * 60
    /// Bcrypt work factor. 12 costs about a quarter of a second on a small server.
    public var bcryptCost = 12
    public var maxBodySize = 256 * 1024
    public init() {}
}

public struct ServerSettings: Sendable {
    public var hostname = "127.0.0.1"
    public var port = 8080
    /// The address people use to reach Alongside, for links shown to be passed on (invites).
    public var publicURL: String?
    public init() {}
}
