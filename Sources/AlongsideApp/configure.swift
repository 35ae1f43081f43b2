import AlongsideDomain
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Vapor

/// The one composition root: the server, the database, middleware, routes and commands.
public func configure(_ app: Application, settings: Settings) async throws {
    app.settings = settings
    app.http.server.configuration.hostname = settings.server.hostname
    app.http.server.configuration.port = settings.server.port
    // Compressed request bodies can expand enormously; nothing here needs them.
    app.http.server.configuration.requestDecompression = .disabled
    app.http.server.configuration.serverName = nil
    app.routes.defaultMaxBodySize = ByteCount(integerLiteral: settings.security.maxBodySize)

    // The key first: a key file that can't be used stops start-up before anything is written.
    let appKey = try AppKey.load(settings.key, logger: app.logger)
    app.auditKey = AuditKey(appKey)
    app.installationKey = appKey
    DataKeys.prepare(appKey)
    app.auditTurns = AuditTurns()
    app.readTrailWriter = ReadTrailWriter()
    try await configureDatabase(app, settings.database)
    app.migrations.add(AppMigrations.all)

    let commonPasswords = try AccountPasswords.loadCommonPasswords()
    // Bcrypt on threads of its own, never `app.threadPool`: see `AccountPasswords.hashingThreads`.
    let threadPool = AccountPasswords.hashingThreads
    let decoy = Task { try await threadPool.runIfActive { try Bcrypt.hash(SecretToken.generate(), cost: settings.security.bcryptCost) } }
    app.accountPasswords = AccountPasswords(
        rule: PasswordRule(commonPasswords: commonPasswords), cost: settings.security.bcryptCost,
        threadPool: threadPool, decoyHash: decoy)
    app.assets = try Assets.load()
    app.languageGuide = LanguageGuide(lexicon: try Lexicon.standard())
    app.documentationStandards = try DocumentationStandards.bundled()
    app.mutualityItems = try loadMutualityItems(settings.mutualityItemsFile)

    // Outermost first. Error pages sit inside the security headers so they get them too.
    app.middleware = Middlewares()
    if settings.metricsToken != nil { AppMetrics.start(app) }
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(SecurityHeadersMiddleware(secure: settings.sessions.secureCookies))
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(SessionMiddleware(settings: settings.sessions))
    app.middleware.use(AccessTokenMiddleware())
    app.middleware.use(AccessMiddleware())
    app.middleware.use(CSRFMiddleware(settings: settings.sessions, maxBodySize: settings.security.maxBodySize))

    try routes(app)
    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(AuditCommands(), as: "audit")
    app.asyncCommands.use(KeysCommands(), as: "keys")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(MoveToPostgresCommand(), as: "move-to-postgres")
    app.asyncCommands.use(LanguageCheckCommand(), as: "language-check")
    try await app.autoMigrate()
    try await AuditSealing.sealIfNeeded(on: app.db, key: app.auditKey, clock: app.clock, logger: app.logger)
    try await DataKeys.load(appKey, on: app.db, now: app.clock.now())
    app.lifecycle.use(AuditHeadReporting(interval: settings.audit.headLogInterval))
    app.lifecycle.use(OutboxSending())
    app.lifecycle.use(DataKeyRefreshing(interval: settings.dataKeyRefreshSeconds))
}

private func configureDatabase(_ app: Application, _ database: DatabaseSettings) async throws {
    switch database {
    case .sqliteFile(let directory):
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        app.dataFolderLock = try DataFolderLock.share(directory)
        app.lifecycle.use(DataFolderUnlocking())
        let path = URL(fileURLWithPath: directory).appendingPathComponent("alongside.sqlite").path
        app.databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqlite)
        // Write-ahead logging lets readers carry on while someone writes; foreign keys are
        // switched on for every connection by the driver's configuration.
        _ = try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").all()
        // `synchronous` belongs to a connection, and the driver keeps one per event loop: set it on
        // each, or every audited read pays for a full sync of the disk.
        for eventLoop in app.eventLoopGroup.makeIterator() {
            if let database = app.databases.database(.sqlite, logger: app.logger, on: eventLoop) as? any SQLDatabase {
                _ = try await database.raw("PRAGMA synchronous=NORMAL").all()
                // The driver's own busy handler retries at once, for ever: a connection waiting for
                // another's write lock spun a whole core on a thread of the pool that the lock's
                // holder needs for its next statement. SQLite's timeout sleeps between tries instead,
                // and gives up with an error after as long as a request waits for a connection.
                _ = try await database.raw("PRAGMA busy_timeout=10000").all()
            }
        }
        app.readConnections = SQLiteReadConnections(path: path)
        app.lifecycle.use(ReadConnectionsClosing())
    case .postgres(let url, let schema):
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.searchPath = schema.map { [$0] }
        // More than the driver's one connection per event loop: with one, a burst of requests (a
        // dozen at once on an invite link) queued every statement behind each other, and under load
        // some waited past the pool's deadline and answered 500. PostgreSQL serves these in parallel.
        app.databases.use(
            .postgres(
                configuration: configuration, maxConnectionsPerEventLoop: Application.postgresConnectionsPerEventLoop,
                connectionPoolTimeout: .seconds(30), sqlLogLevel: .trace),
            as: .psql)
        // The driver's own error hides its cause ("Generic description to prevent accidental
        // leakage"): ask once, and say what is wrong in words, without the password.
        do {
            _ = try await (app.db as! any SQLDatabase).raw("SELECT 1").all()
        } catch {
            throw Settings.Problem(description: PostgresProblem.describe(error, url: url))
        }
        if let schema {
            _ = try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").all()
        }
    }
}

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = Settings }

    public internal(set) var settings: Settings {
        get { storage[SettingsKey.self]! }
        set { storage[SettingsKey.self] = newValue }
    }
}

/// The check-in items: the service's own file when one is set, otherwise the shipped set. A file
/// that can't be used stops start-up with a message saying why, rather than asking the wrong questions.
func loadMutualityItems(_ path: String?) throws -> MutualityItems {
    guard let path else { return try MutualityItems.bundled() }
    do {
        return try MutualityItems.decode(Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
        throw Settings.Problem(
            description:
                "ALONGSIDE_MUTUALITY_ITEMS: \(path) must be a readable JSON file with five scale points and items with unique keys (see docs/mutuality-items.md)."
        )
    }
}
