import Foundation
import Vapor

/// `alongside move-to-postgres --to postgres://…`: copies this SQLite service into an empty
/// PostgreSQL database, checks it, and says what to change. The SQLite file is left as it was,
/// so going back is starting without DATABASE_URL again.
struct MoveToPostgresCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "The empty PostgreSQL database: postgres://user:password@host:5432/database")
        var to: String?
    }

    var help: String {
        "Copies this SQLite service into an empty PostgreSQL database and checks every table's rows and checksum. Stop the server first."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard case .sqliteFile(let directory) = app.settings.database else {
            context.console.error("This service already runs on PostgreSQL: unset DATABASE_URL to move an SQLite service.")
            throw Failed()
        }
        guard let url = signature.to, url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            context.console.error("Say where to: --to postgres://user:password@host:5432/database (an empty database).")
            throw Failed()
        }
        do {
            try app.dataFolderLock?.makeExclusive(then: "move")
        } catch let problem as DataFolderLock.Problem {
            context.console.error("Nothing was moved: \(problem.description)")
            throw Failed()
        }
        var settings = app.settings
        settings.database = .postgres(url: url)
        settings.dataKeyRefreshSeconds = 0
        let target = try await Application.make(.init(name: app.environment.name, arguments: ["alongside"]))
        target.clock = app.clock
        let started = Date()
        do {
            // The same migrations as a first start on PostgreSQL, so the schema is this version's own.
            try await configure(target, settings: settings)
            context.console.print("Copying \(directory)/alongside.sqlite into PostgreSQL…")
            let console = context.console
            let moved = try await MoveToPostgres.move(
                sqlite: directory + "/alongside.sqlite", threadPool: app.threadPool, on: app.eventLoopGroup.any(), to: target.db
            ) { table, rows in
                console.print("  \(table): \(rows) rows copied")
            }
            for table in moved where table.rows > 0 {
                context.console.print("  \(table.table): \(table.rows) rows, checksum \(table.checksum.prefix(16)) matches")
            }
            let rows = moved.reduce(0) { $0 + $1.rows }
            context.console.print(
                """
                Moved \(moved.count) tables, \(rows) rows, in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; every table's rows and checksum match.
                Now set DATABASE_URL to that database and start Alongside with the same key (ALONGSIDE_KEY_FILE or ALONGSIDE_KEY).
                The SQLite file is left as it was: to go back, start without DATABASE_URL.
                """)
        } catch let problem as MoveToPostgres.Problem {
            context.console.error("Nothing was moved: \(problem.description)")
            try? await target.asyncShutdown()
            throw Failed()
        } catch {
            try? await target.asyncShutdown()
            throw error
        }
        try await target.asyncShutdown()
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String { "the move to PostgreSQL failed" }
    }
}
