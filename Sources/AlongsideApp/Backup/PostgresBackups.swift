import Fluent
import Foundation
import SQLKit
import Vapor

/// Backups of a PostgreSQL service: `pg_dump` of one snapshot, with every table's rows counted in
/// that same snapshot, sealed like an SQLite backup. Checking restores it into a scratch database
/// on the same server with `pg_restore` and counts again.
enum PostgresBackups {
    /// Where and as whom to reach PostgreSQL with its own tools: the password goes in the
    /// environment, never on a command line another user of the machine could read.
    struct Target: Sendable {
        let url: String
        let schema: String?

        private var components: URLComponents? { URLComponents(string: url) }

        var database: String { components?.path.trimmingCharacters(in: CharacterSet(charactersIn: "/")) ?? "" }

        /// The same server and user, another database.
        func url(database name: String) -> String {
            var parts = components ?? URLComponents()
            parts.password = nil
            parts.path = "/" + name
            return parts.string ?? url
        }

        var environment: [String: String] {
            var environment = ProcessInfo.processInfo.environment
            if let password = components?.password { environment["PGPASSWORD"] = password }
            return environment
        }
    }

    static func make(
        _ app: Application, target: Target, into directory: String, now: Date
    ) async throws -> (path: String, manifest: BackupManifest) {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let dump = directory + "/.dump-\(UUID().uuidString.lowercased())"
        defer { try? FileManager.default.removeItem(atPath: dump) }
        let counts = try await app.db.transaction { db in
            let sql = db as! any SQLDatabase
            // One snapshot for the counts and the dump: pg_dump joins this transaction's view.
            try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
            let snapshot = try await sql.raw("SELECT pg_export_snapshot() AS snapshot").first()?.decode(column: "snapshot", as: String.self)
            let counts = try await Self.counts(on: sql)
            var arguments = [
                "--format=custom", "--no-owner", "--no-privileges", "--snapshot=\(snapshot ?? "")", "--file=\(dump)",
            ]
            if let schema = target.schema { arguments.append("--schema=\(schema)") }
            try await run("pg_dump", arguments + ["--dbname=\(target.url(database: target.database))"], target, app)
            return counts
        }
        let manifest = BackupManifest(createdAt: now, database: "postgres", sha256: try SQLiteSnapshot.sha256(of: dump), tables: counts)
        let path = directory + "/alongside-" + Backups.stamp(now) + ".backup"
        try BackupFile.write(manifest: manifest, payload: dump, to: path, key: BackupFile.key(app.installationKey))
        return (path, manifest)
    }

    /// Restores the backup into a scratch database beside the service's and checks every table's
    /// rows; the scratch database is dropped afterwards, whatever happened.
    static func verify(_ path: String, key: AppKey, target: Target, app: Application) async throws -> Backups.Checked {
        let started = Date()
        let dump = FileManager.default.temporaryDirectory.appendingPathComponent("alongside-verify-\(UUID().uuidString).dump").path
        defer { try? FileManager.default.removeItem(atPath: dump) }
        let manifest = try open(path, into: dump, key: key)
        let scratch = "alongside_verify_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        try await psql(target, database: target.database, "CREATE DATABASE \(scratch)", app)
        do {
            try await run(
                "pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--dbname=\(target.url(database: scratch))", dump],
                target, app)
            let counts = try await countsWithTools(target, database: scratch, tables: Array(manifest.tables.keys), app)
            guard counts == manifest.tables else {
                throw BackupFile.Problem(description: "\(path): the restored tables don't hold the rows the backup recorded")
            }
        } catch {
            _ = try? await psql(target, database: target.database, "DROP DATABASE IF EXISTS \(scratch) WITH (FORCE)", app)
            throw error
        }
        try await psql(target, database: target.database, "DROP DATABASE IF EXISTS \(scratch) WITH (FORCE)", app)
        return Backups.Checked(manifest: manifest, seconds: Date().timeIntervalSince(started))
    }

    /// Checks the backup, then restores it over the service's database in one transaction.
    static func restore(_ path: String, key: AppKey, target: Target, app: Application) async throws -> BackupManifest {
        let checked = try await verify(path, key: key, target: target, app: app)
        let dump = FileManager.default.temporaryDirectory.appendingPathComponent("alongside-restore-\(UUID().uuidString).dump").path
        defer { try? FileManager.default.removeItem(atPath: dump) }
        _ = try open(path, into: dump, key: key)
        try await run(
            "pg_restore",
            [
                "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
                "--dbname=\(target.url(database: target.database))", dump,
            ], target, app)
        return checked.manifest
    }

    private static func open(_ path: String, into dump: String, key: AppKey) throws -> BackupManifest {
        let manifest = try BackupFile.read(path, payloadTo: dump, key: BackupFile.key(key))
        guard manifest.database == "postgres" else {
            throw BackupFile.Problem(description: "\(path) is a backup of an SQLite service: restore it with DATABASE_URL unset")
        }
        guard try SQLiteSnapshot.sha256(of: dump) == manifest.sha256 else {
            throw BackupFile.Problem(description: "\(path) opened, but its dump is not the one it was made from")
        }
        return manifest
    }

    static func counts(on sql: any SQLDatabase) async throws -> [String: Int] {
        let tables = try await sql.raw(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        ).all().map { try $0.decode(column: "tablename", as: String.self) }
        var counts: [String: Int] = [:]
        for table in tables {
            counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return counts
    }

    private static func countsWithTools(_ target: Target, database: String, tables: [String], _ app: Application) async throws -> [String:
        Int]
    {
        let prefix = target.schema.map { "\"\($0)\"." } ?? ""
        let query = tables.sorted().map { "SELECT '\($0)', COUNT(*) FROM \(prefix)\"\($0)\"" }.joined(separator: " UNION ALL ")
        let output = try await psql(target, database: database, query, app)
        var counts: [String: Int] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "|")
            if parts.count == 2, let count = Int(parts[1]) { counts[String(parts[0])] = count }
        }
        return counts
    }

    @discardableResult
    private static func psql(_ target: Target, database: String, _ command: String, _ app: Application) async throws -> String {
        try await run(
            "psql",
            [
                "--no-psqlrc", "--quiet", "--tuples-only", "--no-align", "--set=ON_ERROR_STOP=1",
                "--dbname=\(target.url(database: database))", "--command=\(command)",
            ],
            target, app)
    }

    /// Runs a PostgreSQL tool and returns what it printed; its complaint, if it fails, is the error.
    @discardableResult
    private static func run(_ tool: String, _ arguments: [String], _ target: Target, _ app: Application) async throws -> String {
        try await app.threadPool.runIfActive {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [tool] + arguments
            process.environment = target.environment
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            do {
                try process.run()
            } catch {
                throw BackupFile.Problem(description: "\(tool) can't be run (install postgresql-client): \(error)")
            }
            let printed = output.fileHandleForReading.readDataToEndOfFile()
            let complaint = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                let text = String(decoding: complaint, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                if process.terminationStatus == 127 {
                    throw BackupFile.Problem(
                        description: "\(tool) isn't installed here: install postgresql-client, the same major version as the server")
                }
                throw BackupFile.Problem(description: "\(tool) failed: \(String(text.prefix(600)))")
            }
            return String(decoding: printed, as: UTF8.self)
        }
    }
}
