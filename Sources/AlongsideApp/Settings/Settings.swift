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
    /// Where the installation's secret key comes from (`ALONGSIDE_KEY_FILE`).
    public var key: KeySettings
    public var audit: AuditSettings
    /// Email by SMTP, when set up.
    public var mail: MailSettings?
    /// How long an emailed password-reset link works.
    public var passwordResetLifetime: TimeInterval = 30 * 60
    /// How often a running server reads the data keys, to follow `alongside keys rotate` run
    /// elsewhere; 0 never (tests).
    public var dataKeyRefreshSeconds: TimeInterval = 5
    /// The secret a Prometheus scraper sends for `/metrics`; unset, there are no metrics at all.
    public var metricsToken: String?

    /// - Parameter key: by default the file `alongside.key` in the data folder.
    public init(
        database: DatabaseSettings, sessions: SessionSettings = .init(),
        security: SecuritySettings = .init(), server: ServerSettings = .init(),
        key: KeySettings? = nil, audit: AuditSettings = .init()
    ) {
        self.database = database
        self.sessions = sessions
        self.security = security
        self.server = server
        self.key = key ?? .file(path: KeySettings.defaultPath(for: database))
        self.audit = audit
    }
}

/// The installation's secret key: 32 random bytes. The audit chain is sealed with a sub-key of it,
/// and the data keys that seal free text are wrapped by another.
public enum KeySettings: Sendable, Equatable {
    /// A file of exactly 32 bytes, kept apart from the database; created with mode 0600 on first start when absent.
    case file(path: String)
    /// The key itself: from `ALONGSIDE_KEY` (64 hex digits), or in tests, which touch no disk.
    case inMemory([UInt8])

    public static let defaultDataDirectory = "./alongside-data"

    public static func defaultPath(dataDirectory: String) -> String {
        URL(fileURLWithPath: dataDirectory).appendingPathComponent("alongside.key").path
    }

    /// Beside the SQLite file, or in the default data folder when the database is PostgreSQL.
    public static func defaultPath(for database: DatabaseSettings) -> String {
        switch database {
        case .sqliteFile(let dataDirectory): defaultPath(dataDirectory: dataDirectory)
        case .postgres: defaultPath(dataDirectory: defaultDataDirectory)
        }
    }
}

public struct AuditSettings: Sendable {
    /// How often the audit trail's head is written to the log, when it has moved since last written.
    public var headLogInterval: TimeInterval = 5 * 60
    public init() {}
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
    /// The service's own reverse proxies: only from them is `X-Forwarded-For` believed.
    public var trustedProxies: Set<String> = []
    public init() {}
}

public struct ServerSettings: Sendable {
    public var hostname = "127.0.0.1"
    public var port = 8080
    /// The address people use to reach Alongside, for links shown to be passed on (invites).
    public var publicURL: String?
    public init() {}

    /// Whether only this machine can reach the server, so links may name the address it listens on.
    public var isLoopbackOnly: Bool {
        ["127.0.0.1", "::1", "localhost"].contains(hostname.lowercased()) || hostname.hasPrefix("127.")
    }

    /// The base of links given to someone outside a page (invites, calendar feeds): the public
    /// address, or on loopback the address the server listens on. Never a request's `Host`
    /// header, which whoever sends the request chooses.
    public var linkBase: String {
        if let publicURL { return publicURL }
        let host = hostname.contains(":") ? "[\(hostname)]" : hostname
        return "http://\(host):\(port)"
    }
}

/// Where email is handed over for delivery (SMTP submission). Without it, Alongside sends no email:
/// everything stays in people's inboxes in the app, and the service settings page says so.
public struct MailSettings: Sendable, Equatable {
    public enum Security: String, Sendable {
        /// Plain connection upgraded with STARTTLS before anything is sent; refused if the server can't.
        case startTLS = "starttls"
        /// TLS from the first byte (usually port 465).
        case tls
        /// No encryption: only for a relay on the same machine or a test server.
        case none
    }

    public var host: String
    public var port: Int = 587
    public var security: Security = .startTLS
    public var username: String?
    public var password: String?
    public var fromAddress: String
    public var fromName = "Alongside"
    /// PEM certificates to trust instead of the system's, for a server with a private certificate.
    public var trustRootsFile: String?
    public var helloName = "alongside.localhost"
    public var timeoutSeconds = 30
    /// How often the queue is looked at.
    public var pollSeconds: Double = 5

    public init(host: String, fromAddress: String) {
        self.host = host
        self.fromAddress = fromAddress
    }
}
