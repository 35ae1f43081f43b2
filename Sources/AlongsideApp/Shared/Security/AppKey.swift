import Foundation
import Logging
import Vapor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The installation's one secret key: 32 random bytes from `ALONGSIDE_KEY_FILE`, kept apart from
/// the database. Nothing uses it directly: each use derives its own sub-key from it (the audit
/// chain now, encryption at rest later), so one file serves them all and no two uses share a key.
struct AppKey: Sendable {
    static let byteCount = 32

    private let key: SymmetricKey

    /// - Throws: when `bytes` is not exactly 32 bytes long.
    init(bytes: [UInt8]) throws {
        guard bytes.count == Self.byteCount else {
            throw Settings.Problem(
                description: "Alongside can't start: the key must be exactly \(Self.byteCount) bytes, not \(bytes.count).")
        }
        key = SymmetricKey(data: bytes)
    }

    /// A sub-key for one purpose, named by a label that includes its version:
    /// HMAC-SHA-256(key, label).
    func derive(_ label: String) -> SymmetricKey {
        SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Array(label.utf8), using: key))
    }

    /// Loads the key as the settings say: from its file, creating the file on first start, or as given (tests).
    static func load(_ settings: KeySettings, logger: Logger) throws -> AppKey {
        switch settings {
        case .inMemory(let bytes):
            return try AppKey(bytes: bytes)
        case .file(let path):
            return try KeyFile(path: path).loadOrCreate(logger: logger)
        }
    }
}

/// The key file: read when it exists, made (32 random bytes, mode 0600, never overwritten) when it
/// doesn't. A file that exists but can't be used stops start-up with a message naming the setting.
struct KeyFile {
    let path: String

    func loadOrCreate(logger: Logger) throws -> AppKey {
        if !FileManager.default.fileExists(atPath: path) {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try? FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            if try createExclusively(bytes) {
                logger.notice(
                    "Created a new key file at \(path) (ALONGSIDE_KEY_FILE). Keep a copy on another disk or backup, apart from the database: without it the audit trail can't be verified and the encrypted fields can't be read by anyone."
                )
                return try AppKey(bytes: bytes)
            }
            // Another process made it first: use theirs.
        }
        return try read(logger: logger)
    }

    private func read(logger: Logger) throws -> AppKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw problem("can't be read; it must be a file of exactly \(AppKey.byteCount) random bytes that Alongside can read")
        }
        guard data.count == AppKey.byteCount else {
            throw problem(
                "holds \(data.count) bytes but must hold exactly \(AppKey.byteCount) random bytes (for example made with `head -c 32 /dev/urandom`)"
            )
        }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
            logger.warning("The key file \(path) (ALONGSIDE_KEY_FILE) can be read by other users: make it mode 0600.")
        }
        return try AppKey(bytes: Array(data))
    }

    /// Writes a new file that only its owner can read. False when the file already exists.
    private func createExclusively(_ bytes: [UInt8]) throws -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if descriptor < 0 {
            if errno == EEXIST { return false }
            throw problem("doesn't exist and can't be created (\(String(cString: strerror(errno))))")
        }
        let written = bytes.withUnsafeBytes { buffer in write(descriptor, buffer.baseAddress, buffer.count) }
        let synced = fsync(descriptor) == 0
        _ = close(descriptor)
        guard written == bytes.count, synced else {
            _ = unlink(path)
            throw problem("doesn't exist and couldn't be written in full")
        }
        return true
    }

    private func problem(_ why: String) -> Settings.Problem {
        Settings.Problem(description: "Alongside can't start: ALONGSIDE_KEY_FILE: \(path) \(why).")
    }
}
