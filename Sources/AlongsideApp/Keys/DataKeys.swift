import Fluent
import Foundation
import SQLKit
import Vapor

/// The data keys that seal free text, kept in `data_keys`, each wrapped by a sub-key of the
/// installation's key: the first is derived from that key, each rotation adds a random one, and
/// the newest that isn't retired seals new values.
enum DataKeys {
    static func derivedFirst(_ master: AppKey) -> SymmetricKey { master.derive("alongside field encryption v1") }
    static func wrapping(_ master: AppKey) -> SymmetricKey { master.derive("alongside data key wrapping v1") }
    static func index(_ master: AppKey) -> SymmetricKey { master.derive("alongside search index v1") }

    /// Before migrations run: the derived key seals, and the index key hashes, anything written
    /// while the schema is brought up to date (an older database's plain text is sealed then).
    static func prepare(_ master: AppKey, cipher: FieldCipher = .shared) {
        let first = cipher.add(derivedFirst(master))
        // One installation key per process, except in tests that start a second server with
        // another key on purpose: the first one's index key and current key stay.
        if cipher.currentID == nil {
            cipher.setIndexKey(index(master))
            cipher.makeCurrent(first)
        }
    }

    struct Row {
        let id: String
        let wrapped: String
        let createdAt: Date
        let retiredAt: Date?
    }

    static func rows(on sql: any SQLDatabase) async throws -> [Row] {
        try await sql.raw("SELECT id, wrapped, created_at, retired_at FROM data_keys ORDER BY created_at, id").all().map {
            Row(
                id: try $0.decode(column: "id", as: String.self), wrapped: try $0.decode(column: "wrapped", as: String.self),
                createdAt: try $0.decode(column: "created_at", as: Date.self),
                retiredAt: try $0.decode(column: "retired_at", as: Date?.self))
        }
    }

    static func wrap(_ key: SymmetricKey, master: AppKey) -> String {
        FieldCipher.seal(key.withUnsafeBytes { Data($0) }.base64EncodedString(), with: wrapping(master), id: "wrap")
    }

    /// Opens one stored data key with this server's installation key, refusing (naming the key)
    /// when it was wrapped under another installation key.
    static func unwrap(_ row: Row, master: AppKey) throws -> SymmetricKey {
        let unwrapped = try? FieldCipher.open(row.wrapped, with: wrapping(master))
        guard let unwrapped, let bytes = Data(base64Encoded: unwrapped), bytes.count == 32,
            FieldCipher.id(of: SymmetricKey(data: bytes)) == row.id
        else {
            throw Settings.Problem(
                description:
                    "Alongside can't start: the stored values are encrypted with data key \(row.id), which can't be opened with this server's key file (ALONGSIDE_KEY_FILE or ALONGSIDE_KEY). Restore the key that was in use when they were written."
            )
        }
        return SymmetricKey(data: bytes)
    }

    /// After migrations: every data key the database names is opened and added, and the newest
    /// one seals. On the first start, the derived key is recorded, after checking that no stored
    /// value needs a key this server doesn't have (a database restored next to the wrong key file).
    static func load(_ master: AppKey, on database: any Database, cipher: FieldCipher = .shared, now: Date) async throws {
        let sql = database as! any SQLDatabase
        var stored = try await rows(on: sql)
        if stored.isEmpty {
            try await checkEveryStoredKeyIsKnown(on: sql, cipher: cipher)
            let first = derivedFirst(master)
            try await sql.insert(into: "data_keys").columns("id", "wrapped", "created_at")
                .values(SQLBind(FieldCipher.id(of: first)), SQLBind(wrap(first, master: master)), SQLBind(now))
                .ignoringConflicts(with: "id").run()
            stored = try await rows(on: sql)
        }
        for row in stored where row.retiredAt == nil {
            cipher.add(try unwrap(row, master: master))
        }
        if let newest = stored.last(where: { $0.retiredAt == nil }) { cipher.makeCurrent(newest.id) }
    }

    /// The running server learns keys a rotation added (`alongside keys rotate` in another process).
    static func refresh(_ master: AppKey, on database: any Database, cipher: FieldCipher = .shared) async throws {
        let stored = try await rows(on: database as! any SQLDatabase)
        for row in stored where row.retiredAt == nil && !cipher.has(row.id) {
            cipher.add(try unwrap(row, master: master))
        }
        if let newest = stored.last(where: { $0.retiredAt == nil }), newest.id != cipher.currentID { cipher.makeCurrent(newest.id) }
    }

    static func checkEveryStoredKeyIsKnown(on sql: any SQLDatabase, cipher: FieldCipher) async throws {
        for (table, column) in SealedColumns.all {
            let rows = try await sql.raw(
                """
                SELECT DISTINCT substr(\(ident: column), \(literal: FieldCipher.prefix.count + 1), 8) AS key_id FROM \(ident: table)
                WHERE \(ident: column) LIKE \(bind: FieldCipher.prefix + "%")
                """
            ).all()
            for row in rows {
                let id = try row.decode(column: "key_id", as: String.self)
                guard cipher.has(id) else {
                    throw Settings.Problem(
                        description:
                            "Alongside can't start: values in \(table).\(column) are encrypted with key \(id), which this server wasn't given. Restore the key file (ALONGSIDE_KEY_FILE) that was in use when they were written; this server's key is \(cipher.currentID ?? "none")."
                    )
                }
            }
        }
    }
}

extension Application {
    private struct InstallationKey: StorageKey { typealias Value = AppKey }

    /// The installation's key, kept for the data keys' refresh and rotation.
    var installationKey: AppKey {
        get { storage[InstallationKey.self]! }
        set { storage[InstallationKey.self] = newValue }
    }
}

/// Every few seconds the server reads `data_keys`, so that a rotation run from another process
/// (or on another instance) is followed: its new key opens and then seals.
struct DataKeyRefreshing: LifecycleHandler {
    let interval: TimeInterval
    private let loop = RepeatingTask()

    func didBootAsync(_ application: Application) async throws {
        guard interval > 0 else { return }
        await loop.start(every: interval) {
            do {
                try await DataKeys.refresh(application.installationKey, on: application.db)
            } catch {
                application.logger.error("Couldn't read the data keys: \(String(describing: error))")
            }
        }
    }

    func shutdownAsync(_ application: Application) async { await loop.stop() }
}
