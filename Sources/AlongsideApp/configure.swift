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

    try await configureDatabase(app, settings.database)
    app.migrations.add(AppMigrations.all)

    let commonPasswords = try AccountPasswords.loadCommonPasswords()
    let threadPool = app.threadPool
    let decoy = Task { try await threadPool.runIfActive { try Bcrypt.hash(SecretToken.generate(), cost: settings.security.bcryptCost) } }
    app.accountPasswords = AccountPasswords(
        rule: PasswordRule(commonPasswords: commonPasswords), cost: settings.security.bcryptCost,
        threadPool: app.threadPool, decoyHash: decoy)
    app.assets = try Assets.load()
    app.languageGuide = LanguageGuide(lexicon: try Lexicon.standard())
    app.documentationStandards = try DocumentationStandards.bundled()
    app.mutualityItems = try loadMutualityItems(settings.mutualityItemsFile)

    // Outermost first. Error pages sit inside the security headers so they get them too.
    app.middleware = Middlewares()
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(SecurityHeadersMiddleware(secure: settings.sessions.secureCookies))
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(SessionMiddleware(settings: settings.sessions))
    app.middleware.use(AccessMiddleware())
    app.middleware.use(CSRFMiddleware(settings: settings.sessions, maxBodySize: settings.security.maxBodySize))

    routes(app)
    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(AuditCommands(), as: "audit")
    app.asyncCommands.use(LanguageCheckCommand(), as: "language-check")
    try await app.autoMigrate()
}

private func configureDatabase(_ app: Application, _ database: DatabaseSettings) async throws {
    switch database {
    case .sqliteFile(let directory):
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
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
            }
        }
    case .postgres(let url, let schema):
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.searchPath = schema.map { [$0] }
        app.databases.use(.postgres(configuration: configuration, sqlLogLevel: .trace), as: .psql)
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
