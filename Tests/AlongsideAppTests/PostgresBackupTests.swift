import AlongsideDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import AlongsideApp

/// A PostgreSQL service's backup is one snapshot, sealed, proven by restoring it into a scratch
/// database, and restores over the service in one transaction.
@Suite(.enabled(if: TestDatabase.postgresURL != nil, "backups of a PostgreSQL service need PostgreSQL"))
struct PostgresBackupTests {
    @Test func aBackupIsCheckedInAScratchDatabaseAndRestoresOverLaterChanges() async throws {
        try await withTestApp { context in
            try await context.seedDemo(journeys: true)
            _ = try await JourneyFlowTests.addPeer(context, name: "Kererū Quarrywall")
            guard case .postgres(let url, let schema) = context.app.settings.database else { throw TestFailure("not PostgreSQL") }
            let target = PostgresBackups.Target(url: url, schema: schema)
            let folder = BackupTests.backupFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }

            let made = try await PostgresBackups.make(context.app, target: target, into: folder, now: context.clock.now)
            #expect(made.manifest.database == "postgres")
            #expect(made.manifest.tables["peers"] == (try await Peer.query(on: context.db).count()))
            let bytes = try #require(FileManager.default.contents(atPath: made.path))
            #expect(bytes.range(of: Data("PGDMP".utf8)) == nil, "the dump is readable without the key")
            #expect(bytes.range(of: Data("Quarrywall".utf8)) == nil)

            let checked = try await PostgresBackups.verify(made.path, key: context.app.installationKey, target: target, app: context.app)
            #expect(checked.manifest == made.manifest)
            #expect(checked.rows > 100)

            // Written after the backup: a restore takes the service back to the backup's moment.
            _ = try await JourneyFlowTests.addPeer(context, name: "After The Backup")
            let restored = try await PostgresBackups.restore(made.path, key: context.app.installationKey, target: target, app: context.app)
            #expect(restored == made.manifest)
            let peers = try await Peer.query(on: context.db).all()
            #expect(peers.count == made.manifest.tables["peers"])
            #expect(peers.contains { $0.preferredName == "Kererū Quarrywall" })
            #expect(!peers.contains { $0.preferredName == "After The Backup" })

            // A damaged backup is refused, naming why, and changes nothing.
            var damaged = bytes
            damaged[damaged.count / 2] ^= 0xFF
            let bad = folder + "/damaged.backup"
            #expect(FileManager.default.createFile(atPath: bad, contents: damaged))
            await #expect(throws: BackupFile.Problem.self) {
                _ = try await PostgresBackups.restore(bad, key: context.app.installationKey, target: target, app: context.app)
            }
            #expect(try await Peer.query(on: context.db).count() == made.manifest.tables["peers"])
        }
    }
}
