import Foundation
import Vapor

/// A backup on disk: one plain first line naming the format and the key id, then frames, each
/// `[4-byte big-endian length][AES-GCM sealed box]`. Frame 0 is the manifest; the rest carry
/// the database, a MiB at a time. Each frame is bound to its position and to whether it is the
/// last, so a frame moved, dropped, or a file cut short, fails to open rather than restoring less.
///
/// The key is derived from the installation's key (not a data key: a rotation retires those,
/// and a backup must outlive it), so a backup and its key file are needed together.
enum BackupFile {
    static let magic = "ALONGSIDE BACKUP 1"
    static let chunkSize = 1 << 20

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    static func key(_ master: AppKey) -> SymmetricKey { master.derive("alongside backup v1") }

    /// Writes `manifest` and then the file at `payload`, sealed, to `path` (mode 0600).
    static func write(manifest: BackupManifest, payload: String, to path: String, key: SymmetricKey) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let output = FileHandle(forWritingAtPath: path), let input = FileHandle(forReadingAtPath: payload)
        else { throw Problem(description: "can't write \(path)") }
        defer {
            try? output.close()
            try? input.close()
        }
        try output.write(contentsOf: Data((magic + " " + FieldCipher.id(of: key) + "\n").utf8))
        var index = 0
        var pending = try JSONEncoder.backup.encode(manifest)
        while true {
            let next = try input.read(upToCount: chunkSize) ?? Data()
            let last = next.isEmpty
            let box = try AES.GCM.seal(pending, using: key, authenticating: frameLabel(index, last: last))
            let sealed = box.combined!
            var length = UInt32(sealed.count).bigEndian
            try output.write(contentsOf: Data(bytes: &length, count: 4))
            try output.write(contentsOf: sealed)
            if last { break }
            pending = next
            index += 1
        }
    }

    /// Opens the backup at `path`, writing its database to `payload`; returns its manifest.
    static func read(_ path: String, payloadTo payload: String, key: SymmetricKey) throws -> BackupManifest {
        guard let input = FileHandle(forReadingAtPath: path) else { throw Problem(description: "\(path) can't be read") }
        defer { try? input.close() }
        let header = String(decoding: try input.read(upToCount: magic.count + 10) ?? Data(), as: UTF8.self)
        guard header.hasPrefix(magic + " "), header.hasSuffix("\n") else {
            throw Problem(description: "\(path) is not an Alongside backup")
        }
        let keyID = String(header.dropFirst(magic.count + 1).dropLast())
        guard keyID == FieldCipher.id(of: key) else {
            throw Problem(
                description:
                    "\(path) was made with backup key \(keyID), which this server's key file doesn't give (it gives \(FieldCipher.id(of: key))). Restore with the key file in use when it was made."
            )
        }
        guard FileManager.default.createFile(atPath: payload, contents: nil, attributes: [.posixPermissions: 0o600]),
            let output = FileHandle(forWritingAtPath: payload)
        else { throw Problem(description: "can't write \(payload)") }
        defer { try? output.close() }
        var manifest: BackupManifest?
        var index = 0
        while true {
            guard let lengthBytes = try input.read(upToCount: 4), lengthBytes.count == 4 else {
                throw Problem(description: "\(path) is cut short: it ends before its last part")
            }
            let length = Int(lengthBytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            guard length <= chunkSize + 64, let sealed = try input.read(upToCount: length), sealed.count == length else {
                throw Problem(description: "\(path) is cut short or damaged at part \(index)")
            }
            let box = try AES.GCM.SealedBox(combined: sealed)
            let plain: Data
            var last = false
            if let opened = try? AES.GCM.open(box, using: key, authenticating: frameLabel(index, last: false)) {
                plain = opened
            } else if let opened = try? AES.GCM.open(box, using: key, authenticating: frameLabel(index, last: true)) {
                plain = opened
                last = true
            } else {
                throw Problem(description: "\(path) is damaged: part \(index) doesn't open")
            }
            if index == 0 {
                manifest = try JSONDecoder.backup.decode(BackupManifest.self, from: plain)
            } else {
                try output.write(contentsOf: plain)
            }
            if last { break }
            index += 1
        }
        guard try input.read(upToCount: 1)?.isEmpty ?? true else { throw Problem(description: "\(path) has more after its last part") }
        guard let manifest else { throw Problem(description: "\(path) has no manifest") }
        return manifest
    }

    private static func frameLabel(_ index: Int, last: Bool) -> Data { Data("frame \(index) \(last ? "last" : "more")".utf8) }
}

/// What a backup holds, to check a restore against: the snapshot's SHA-256 and each table's rows.
struct BackupManifest: Codable, Equatable {
    var createdAt: Date
    var database: String
    var sha256: String
    var tables: [String: Int]
}

extension JSONEncoder {
    static var backup: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}

extension JSONDecoder {
    static var backup: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
