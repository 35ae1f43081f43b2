import Foundation
import Vapor

/// `alongside backup` makes a sealed, consistent backup while the server runs; `--verify` restores
/// the latest into a scratch database and checks it, for a restore drill from cron.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "The folder for backups (default: backups/ in the data folder).")
        var to: String?

        @Flag(name: "verify", help: "Make no backup: restore the latest one into a scratch database and check it.")
        var verify: Bool

        @Option(name: "file", help: "With --verify: this backup rather than the latest.")
        var file: String?
    }

    var help: String {
        "Writes an encrypted, consistent backup of the database while the server runs, or with --verify checks that the latest one restores."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let postgres: PostgresBackups.Target?
        let directory: String
        switch app.settings.database {
        case .sqliteFile(let dataDirectory):
            postgres = nil
            directory = signature.to ?? dataDirectory + "/backups"
        case .postgres(let url, let schema):
            postgres = PostgresBackups.Target(url: url, schema: schema)
            directory = signature.to ?? (ProcessInfo.processInfo.environment["ALONGSIDE_DATA_DIR"] ?? "./alongside-data") + "/backups"
        }
        if signature.verify {
            guard let path = signature.file ?? Backups.latest(in: directory) else {
                context.console.error("No backup in \(directory) to verify.")
                throw BackupFailed()
            }
            do {
                let checked =
                    if let postgres {
                        try await PostgresBackups.verify(path, key: app.installationKey, target: postgres, app: app)
                    } else {
                        try await Backups.verify(path, key: app.installationKey, threadPool: app.threadPool, on: app.eventLoopGroup.any())
                    }
                context.console.print(
                    "Verified \(path): made \(checked.manifest.createdAt.formatted(.iso8601)), \(checked.manifest.tables.count) tables, \(checked.rows) rows, restored and checked in \(String(format: "%.1f", checked.seconds)) s."
                )
            } catch let problem as BackupFile.Problem {
                context.console.error("Verify failed: \(problem.description)")
                throw BackupFailed()
            }
            return
        }
        let started = Date()
        let made: (path: String, manifest: BackupManifest)
        do {
            if let postgres {
                made = try await PostgresBackups.make(app, target: postgres, into: directory, now: app.clock.now())
            } else if case .sqliteFile(let dataDirectory) = app.settings.database {
                made = try await Backups.make(app, dataDirectory: dataDirectory, into: directory, now: app.clock.now())
            } else {
                throw BackupFailed()
            }
        } catch let problem as BackupFile.Problem {
            context.console.error("No backup was made: \(problem.description)")
            throw BackupFailed()
        }
        let rows = made.manifest.tables.values.reduce(0, +)
        context.console.print(
            "Wrote \(made.path): \(made.manifest.tables.count) tables, \(rows) rows, in \(String(format: "%.1f", Date().timeIntervalSince(started))) s. It opens only with this installation's key file: keep that apart."
        )
    }

    struct BackupFailed: Error, CustomStringConvertible {
        var description: String { "the backup failed" }
    }
}

/// `alongside restore FILE`: checks the backup, then puts it in place of the database (the one it
/// replaces is kept beside it). Run with the server stopped; it needs the key file, not the database.
struct RestoreCommand: AsyncCommand {
    let settings: Settings

    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The backup to restore.")
        var file: String
    }

    var help: String {
        "Checks a backup and restores it in place of the database (SQLite, or PostgreSQL when DATABASE_URL is set). Stop the server first."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let key = try AppKey.load(settings.key, logger: app.logger)
        if case .postgres(let url, let schema) = settings.database {
            do {
                let manifest = try await PostgresBackups.restore(
                    signature.file, key: key, target: PostgresBackups.Target(url: url, schema: schema), app: app)
                let rows = manifest.tables.values.reduce(0, +)
                context.console.print(
                    "Restored \(signature.file) (made \(manifest.createdAt.formatted(.iso8601)), \(rows) rows, checked in a scratch database first) over the database in DATABASE_URL, in one transaction."
                )
            } catch let problem as BackupFile.Problem {
                context.console.error("Nothing was restored: \(problem.description)")
                throw BackupCommand.BackupFailed()
            }
            return
        }
        guard case .sqliteFile(let dataDirectory) = settings.database else { throw BackupCommand.BackupFailed() }
        do {
            let restored = try await Backups.restore(
                signature.file, dataDirectory: dataDirectory, key: key, threadPool: app.threadPool, on: app.eventLoopGroup.any(),
                now: Date())
            let rows = restored.manifest.tables.values.reduce(0, +)
            context.console.print(
                "Restored \(signature.file) (made \(restored.manifest.createdAt.formatted(.iso8601)), \(rows) rows, checked) into \(dataDirectory)/alongside.sqlite."
            )
            if let kept = restored.keptAs { context.console.print("The database it replaced is kept as \(kept).") }
        } catch let problem as BackupFile.Problem {
            context.console.error("Nothing was restored: \(problem.description)")
            throw BackupCommand.BackupFailed()
        }
    }
}
