import Fluent
import Foundation
import NIOCore
import NIOPosix
import SQLKit
import Vapor

/// Making, checking and restoring backups of an SQLite service.
enum Backups {
    struct Checked: Sendable {
        let manifest: BackupManifest
        let seconds: Double
        var rows: Int { manifest.tables.values.reduce(0, +) }
    }

    /// A consistent copy while the server runs (`VACUUM INTO` reads one snapshot of the database,
    /// whatever is written meanwhile), sealed into `directory`. Returns the backup's path.
    static func make(
        _ app: Application, dataDirectory: String, into directory: String, now: Date
    ) async throws -> (path: String, manifest: BackupManifest) {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let snapshot = directory + "/.snapshot-\(UUID().uuidString.lowercased()).sqlite"
        defer { try? FileManager.default.removeItem(atPath: snapshot) }
        try await (app.db as! any SQLDatabase).raw("VACUUM INTO \(bind: snapshot)").run()
        let counts = try await SQLiteSnapshot.with(snapshot, threadPool: app.threadPool, on: app.eventLoopGroup.any()) {
            try await SQLiteSnapshot.counts($0)
        }
        let manifest = BackupManifest(createdAt: now, database: "sqlite", sha256: try SQLiteSnapshot.sha256(of: snapshot), tables: counts)
        let path = directory + "/alongside-" + stamp(now) + ".backup"
        try BackupFile.write(manifest: manifest, payload: snapshot, to: path, key: BackupFile.key(app.installationKey))
        return (path, manifest)
    }

    /// Restores the backup into a scratch file and compares it with what it says it holds:
    /// the same bytes, a database SQLite finds whole, and every table's rows.
    static func verify(_ path: String, key: AppKey, threadPool: NIOThreadPool, on eventLoop: any EventLoop) async throws -> Checked {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("alongside-verify-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let started = Date()
        let manifest = try await restoreChecked(path, to: scratch, key: key, threadPool: threadPool, on: eventLoop)
        return Checked(manifest: manifest, seconds: Date().timeIntervalSince(started))
    }

    /// Opens the backup into `target` and checks it there; throws, naming what is wrong, if anything is.
    static func restoreChecked(
        _ path: String, to target: String, key: AppKey, threadPool: NIOThreadPool, on eventLoop: any EventLoop
    ) async throws -> BackupManifest {
        let manifest = try BackupFile.read(path, payloadTo: target, key: BackupFile.key(key))
        guard try SQLiteSnapshot.sha256(of: target) == manifest.sha256 else {
            throw BackupFile.Problem(description: "\(path) opened, but its database is not the one it was made from")
        }
        try await SQLiteSnapshot.with(target, threadPool: threadPool, on: eventLoop) { connection in
            if let problem = try await SQLiteSnapshot.integrityProblem(connection) {
                throw BackupFile.Problem(description: "\(path): SQLite's integrity check found: \(problem)")
            }
            let counts = try await SQLiteSnapshot.counts(connection)
            guard counts == manifest.tables else {
                throw BackupFile.Problem(description: "\(path): the restored tables don't hold the rows the backup recorded")
            }
        }
        return manifest
    }

    /// Puts a checked backup in place of the service's database, keeping the one it replaces
    /// beside it. Refused while anything has the database open (`DataFolderLock`).
    static func restore(
        _ path: String, dataDirectory: String, key: AppKey, threadPool: NIOThreadPool, on eventLoop: any EventLoop, now: Date
    ) async throws -> (manifest: BackupManifest, keptAs: String?) {
        try FileManager.default.createDirectory(
            atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let alone: DataFolderLock
        do {
            alone = try DataFolderLock.exclusive(dataDirectory)
        } catch let problem as DataFolderLock.Problem {
            throw BackupFile.Problem(description: problem.description)
        }
        defer { alone.release() }
        let database = dataDirectory + "/alongside.sqlite"
        let incoming = database + ".restoring"
        try? FileManager.default.removeItem(atPath: incoming)
        let manifest: BackupManifest
        do {
            manifest = try await restoreChecked(path, to: incoming, key: key, threadPool: threadPool, on: eventLoop)
        } catch {
            try? FileManager.default.removeItem(atPath: incoming)
            throw error
        }
        var keptAs: String?
        if FileManager.default.fileExists(atPath: database) {
            let aside = database + ".before-restore-" + stamp(now)
            try FileManager.default.moveItem(atPath: database, toPath: aside)
            for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: database + suffix) {
                try FileManager.default.moveItem(atPath: database + suffix, toPath: aside + suffix)
            }
            keptAs = aside
        }
        try FileManager.default.moveItem(atPath: incoming, toPath: database)
        return (manifest, keptAs)
    }

    /// The newest backup in a folder, by its name (which is its time).
    static func latest(in directory: String) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasPrefix("alongside-") && $0.hasSuffix(".backup") }.sorted().last.map { directory + "/" + $0 }
    }

    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }
}
