import AlongsideDomain
import Fluent
import Foundation
import SQLKit
import Synchronization
import Testing
import Vapor
import VaporTesting

@testable import AlongsideApp

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    var appClock: AppClock { AppClock(now: { self.now }) }
}

/// Which database this run of the suite uses: SQLite unless the test script hands us a
/// PostgreSQL server through `ALONGSIDE_TEST_POSTGRES_URL`.
enum TestDatabase {
    static let postgresURL = ProcessInfo.processInfo.environment["ALONGSIDE_TEST_POSTGRES_URL"]

    /// The installation key every test app uses: fixed, so a failure can be reproduced.
    static let key: [UInt8] = (0..<32).map { UInt8(($0 * 37 + 11) % 256) }

    static func fresh() -> (DatabaseSettings, cleanup: @Sendable (Application) async -> Void) {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        if let url = postgresURL {
            let schema = String(name)
            return (
                .postgres(url: url, schema: schema),
                { app in
                    _ = try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").all()
                }
            )
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("alongside-tests/\(name)").path
        return (.sqliteFile(dataDirectory: directory), { _ in try? FileManager.default.removeItem(atPath: directory) })
    }
}

struct TestContext {
    let app: Application
    let clock: TestClock

    var db: any Database { app.db }
    var sql: any SQLDatabase { app.db as! any SQLDatabase }

    func client() -> TestClient { TestClient(app: app) }
}

/// Builds the real application (same `configure` as production) on a fresh database, runs the
/// test, and tears it all down.
func withTestApp(
    configureSettings: (inout Settings) -> Void = { _ in },
    _ body: (TestContext) async throws -> Void
) async throws {
    LogCapture.bootstrapOnce()
    let (database, cleanup) = TestDatabase.fresh()
    var settings = Settings(database: database)
    settings.security.bcryptCost = 4
    settings.dataKeyRefreshSeconds = 0
    // The key in memory: tests never touch a key file unless they test the file itself.
    settings.key = .inMemory(TestDatabase.key)
    configureSettings(&settings)
    let clock = TestClock()
    let app = try await Application.make(.testing)
    app.clock = clock.appClock
    do {
        try await configure(app, settings: settings)
        try await body(TestContext(app: app, clock: clock))
    } catch {
        await cleanup(app)
        try? await app.asyncShutdown()
        throw error
    }
    try await expectEveryFreeTextValueSealed(app)
    try await expectJourneySummariesMatchTheLog(app)
    await cleanup(app)
    try await app.asyncShutdown()
}

/// After every test, whatever it wrote: each relationship's stage, since when, and steps back, as
/// kept on its row, are what its log of moves says. A writer that moves a stage without
/// `JourneyStore` fails here.
func expectJourneySummariesMatchTheLog(_ app: Application) async throws {
    let drifted = try await JourneySummary.drifted(on: app.db)
    #expect(drifted.isEmpty, "relationships whose kept stage differs from their log: \(drifted.prefix(5))")
}

/// After every test, whatever it wrote: each non-empty value of each free-text column is sealed.
/// The whole suite, through every form, is the net for a writer that forgot to seal.
func expectEveryFreeTextValueSealed(_ app: Application) async throws {
    let sql = app.db as! any SQLDatabase
    for (table, column) in SealedColumns.all {
        let plain =
            try await sql.raw(
                """
                SELECT COUNT(*) AS n FROM \(ident: table) WHERE \(ident: column) <> '' AND \(ident: column) NOT LIKE \(bind: FieldCipher.prefix + "%")
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        if plain > 0 { Issue.record("\(table).\(column) holds \(plain) values in clear") }
    }
}
