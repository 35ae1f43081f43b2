import Foundation
import Synchronization
import Vapor

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps `alongside restore` from replacing an SQLite database that something still has open.
///
/// Why: a restore moves the database aside and puts the backup in its place. A server still
/// running would go on writing into the file that was moved aside, and everything it was told
/// after the restore would be lost at its next start. So everything that opens the database (the
/// server, a backup, the demo, a migration) shares a lock on `alongside.lock` in the data folder
/// while it runs, and a restore must hold it alone. The kernel lets a lock go when its process
/// ends, however it ends, so a server killed outright never leaves the folder locked.
final class DataFolderLock: Sendable {
    static let fileName = "alongside.lock"
    let directory: String
    private let descriptor: Mutex<Int32?>

    private init(directory: String, descriptor: Int32) {
        self.directory = directory
        self.descriptor = Mutex(descriptor)
    }

    /// For anything that opens the database: any number may share the folder.
    static func share(_ directory: String) throws -> DataFolderLock {
        try take(directory, LOCK_SH) {
            "Another command has the database in \(directory) to itself (alongside restore or move-to-postgres): start again when it has finished."
        }
    }

    /// For a restore: nothing else may have the database open.
    static func exclusive(_ directory: String) throws -> DataFolderLock {
        try take(directory, LOCK_EX) { stillRunning(directory, then: "restore") }
    }

    /// Makes a shared lock this process holds the only one, for a command that opened the database
    /// itself but must not run beside a server (a move to PostgreSQL would leave behind whatever the
    /// server wrote after its copy). When another holds it too, this one stays shared.
    func makeExclusive(then doing: String) throws {
        try descriptor.withLock { descriptor in
            guard let descriptor else { return }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                // Linux lets go of the shared lock before it finds the conflict: take it back.
                _ = flock(descriptor, LOCK_SH | LOCK_NB)
                throw Problem(description: Self.stillRunning(directory, then: doing))
            }
        }
    }

    private static func stillRunning(_ directory: String, then doing: String) -> String {
        "Alongside is still running on \(directory) (a server, or a backup or another command). Stop it first, then \(doing)."
    }

    private static func take(_ directory: String, _ operation: Int32, busy: () -> String) throws -> DataFolderLock {
        let path = directory + "/" + fileName
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Problem(description: "Can't open \(path): \(String(cString: strerror(errno))).") }
        guard flock(descriptor, operation | LOCK_NB) == 0 else {
            let reason = errno
            close(descriptor)
            guard reason == EWOULDBLOCK else { throw Problem(description: "Can't lock \(path): \(String(cString: strerror(reason))).") }
            throw Problem(description: busy())
        }
        return DataFolderLock(directory: directory, descriptor: descriptor)
    }

    func release() {
        descriptor.withLock {
            if let open = $0 { close(open) }
            $0 = nil
        }
    }

    deinit { release() }

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }
}

extension Application {
    private struct DataFolderLockKey: StorageKey {
        typealias Value = DataFolderLock
    }

    /// The shared lock this application holds on its SQLite data folder; nil on PostgreSQL.
    var dataFolderLock: DataFolderLock? {
        get { storage[DataFolderLockKey.self] }
        set { storage[DataFolderLockKey.self] = newValue }
    }
}

/// Lets the data folder go when the application stops, so a restore can follow at once.
struct DataFolderUnlocking: LifecycleHandler {
    func shutdown(_ application: Application) {
        application.dataFolderLock?.release()
    }
}
