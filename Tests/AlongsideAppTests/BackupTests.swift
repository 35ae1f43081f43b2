import AlongsideDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import AlongsideApp

/// A backup is consistent, sealed, and proven to restore: a damaged, shortened or foreign one is
/// refused, naming why, and nothing is put in place.
@Suite(.enabled(if: TestDatabase.postgresURL == nil, "backups are of an SQLite service"))
struct BackupTests {
    /// A demo service and a backup of it, made while it runs; the backup's folder is removed after.
    private func withDemoBackup(
        _ body: (TestContext, _ dataDirectory: String, _ folder: String, _ made: (path: String, manifest: BackupManifest)) async throws ->
            Void
    ) async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let dataDirectory = try #require(context.app.settings.database.sqliteDirectory)
            let folder = Self.backupFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let made = try await Backups.make(context.app, dataDirectory: dataDirectory, into: folder, now: context.clock.now)
            try await body(context, dataDirectory, folder, made)
        }
    }

    static func backupFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("alongside-backups-\(UUID().uuidString)").path
    }

    @Test func aBackupMadeWhileTheServerRunsRestoresToTheSameRecords() async throws {
        try await withTestApp { context in
            try await context.seedDemo(journeys: true)
            let (_, path) = try await JourneyFlowTests.addPeer(context, name: "Kererū Quarrywall")
            #expect(path.hasPrefix("/relationships/"))
            let dataDirectory = try #require(context.app.settings.database.sqliteDirectory)
            let folder = Self.backupFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let made = try await Backups.make(context.app, dataDirectory: dataDirectory, into: folder, now: context.clock.now)
            #expect(Backups.latest(in: folder) == made.path)
            #expect(made.manifest.tables["peers"] == (try await Peer.query(on: context.db).count()))
            let attributes = try FileManager.default.attributesOfItem(atPath: made.path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            // Sealed as a whole: not even the sealed values' key ids show.
            let bytes = try #require(FileManager.default.contents(atPath: made.path))
            #expect(bytes.range(of: Data("Quarrywall".utf8)) == nil)
            #expect(bytes.range(of: Data("enc1:".utf8)) == nil)
            #expect(bytes.range(of: Data("SQLite format".utf8)) == nil)

            let checked = try await Backups.verify(
                made.path, key: context.app.installationKey, threadPool: context.app.threadPool, on: context.app.eventLoopGroup.any())
            #expect(checked.manifest == made.manifest)
            #expect(checked.rows > 100)

            // Restored into another service's folder, it serves the same records.
            let elsewhere = Self.backupFolder()
            defer { try? FileManager.default.removeItem(atPath: elsewhere) }
            let restored = try await Backups.restore(
                made.path, dataDirectory: elsewhere, key: context.app.installationKey, threadPool: context.app.threadPool,
                on: context.app.eventLoopGroup.any(), now: context.clock.now)
            #expect(restored.keptAs == nil)
            var settings = context.app.settings
            settings.database = .sqliteFile(dataDirectory: elsewhere)
            let other = try await Application.make(.testing)
            do {
                try await configure(other, settings: settings)
                let peers = try await Peer.query(on: other.db).all()
                #expect(peers.contains { $0.preferredName == "Kererū Quarrywall" })
                #expect(peers.count == made.manifest.tables["peers"])
            } catch {
                Issue.record("the restored database didn't start: \(error)")
            }
            try await other.asyncShutdown()

            // Restoring over a database keeps the one it replaces.
            let again = try await Backups.restore(
                made.path, dataDirectory: elsewhere, key: context.app.installationKey, threadPool: context.app.threadPool,
                on: context.app.eventLoopGroup.any(), now: context.clock.now.addingTimeInterval(60))
            #expect(again.keptAs.map { FileManager.default.fileExists(atPath: $0) } == true)
        }
    }

    @Test func aRestoreIsRefusedWhileTheServerHasTheDatabaseOpenAndNothingIsMoved() async throws {
        try await withDemoBackup { context, dataDirectory, _, made in
            let before = try FileManager.default.contentsOfDirectory(atPath: dataDirectory).sorted()
            do {
                _ = try await Backups.restore(
                    made.path, dataDirectory: dataDirectory, key: context.app.installationKey, threadPool: context.app.threadPool,
                    on: context.app.eventLoopGroup.any(), now: context.clock.now)
                Issue.record("a database in use was replaced")
            } catch let problem as BackupFile.Problem {
                #expect(problem.description.contains("still running on \(dataDirectory)"))
                #expect(problem.description.contains("Stop it first"))
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dataDirectory).sorted() == before, "nothing moved aside or left")
            #expect(try await Account.query(on: context.db).count() > 0, "the server goes on with its own database")
        }
    }

    @Test func aServerWontOpenADatabaseThatARestoreIsReplacing() async throws {
        let folder = Self.backupFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let restoring = try DataFolderLock.exclusive(folder)
        var settings = Settings(database: .sqliteFile(dataDirectory: folder))
        settings.key = .inMemory(TestDatabase.key)
        let app = try await Application.make(.testing)
        do {
            try await configure(app, settings: settings)
            Issue.record("a server started on a folder being restored")
        } catch let problem as DataFolderLock.Problem {
            #expect(problem.description.hasPrefix("Another command has the database in \(folder) to itself"))
        }
        try await app.asyncShutdown()
        #expect(!FileManager.default.fileExists(atPath: folder + "/alongside.sqlite"), "it opened nothing")
        restoring.release()
        #expect(throws: Never.self) { try DataFolderLock.share(folder).release() }
    }

    @Test func aDamagedShortenedOrForeignBackupIsRefusedAndNothingIsRestored() async throws {
        try await withDemoBackup { context, dataDirectory, folder, made in
            let original = try #require(FileManager.default.contents(atPath: made.path))
            let app = context.app

            func refused(_ bytes: Data, key: AppKey? = nil) async throws -> String {
                let path = folder + "/bad.backup"
                try bytes.write(to: URL(fileURLWithPath: path))
                let target = Self.backupFolder()
                defer { try? FileManager.default.removeItem(atPath: target) }
                do {
                    _ = try await Backups.restore(
                        path, dataDirectory: target, key: key ?? app.installationKey, threadPool: app.threadPool,
                        on: app.eventLoopGroup.any(), now: context.clock.now)
                    Issue.record("a bad backup was restored")
                    return ""
                } catch let problem as BackupFile.Problem {
                    #expect(!FileManager.default.fileExists(atPath: target + "/alongside.sqlite"), "nothing put in place")
                    return problem.description
                }
            }

            var flipped = original
            flipped[original.count / 2] ^= 0x01
            #expect(try await refused(flipped).contains("damaged"))
            #expect(try await refused(original.prefix(original.count - 100)).contains("cut short"))
            #expect(try await refused(original + Data("more".utf8)).contains("more after its last part"))
            #expect(try await refused(Data("SQLite format 3".utf8)).contains("not an Alongside backup"))
            let foreign = try AppKey(bytes: (0..<32).map { UInt8(200 - $0) })
            #expect(try await refused(original, key: foreign).contains("was made with backup key"))
        }
    }
}

/// The lock on a data folder: anything that opens the database shares it, a restore or a move needs
/// it alone, and letting it go frees the folder at once.
@Suite struct DataFolderLockTests {
    @Test func sharersShareAndWhoeverNeedsItAloneWaitsForThemAll() throws {
        let folder = BackupTests.backupFolder()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try DataFolderLock.share(folder)
        let backup = try DataFolderLock.share(folder)
        #expect(throws: DataFolderLock.Problem.self) { try DataFolderLock.exclusive(folder) }
        #expect(throws: DataFolderLock.Problem.self) { try backup.makeExclusive(then: "move") }
        server.release()
        #expect(throws: DataFolderLock.Problem.self, "a refused move still holds its share") { try DataFolderLock.exclusive(folder) }
        let move = try DataFolderLock.share(folder)
        #expect(throws: DataFolderLock.Problem.self) { try move.makeExclusive(then: "move") }
        backup.release()
        try move.makeExclusive(then: "move")
        let refused = #expect(throws: DataFolderLock.Problem.self) { try DataFolderLock.share(folder) }
        #expect(refused?.description.contains("to itself (alongside restore or move-to-postgres)") == true)
        move.release()
        try DataFolderLock.exclusive(folder).release()
    }
}
