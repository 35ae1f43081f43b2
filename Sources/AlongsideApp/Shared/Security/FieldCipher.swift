import Fluent
import Foundation
import SQLKit
import Vapor

/// Encrypts a value before it reaches the database: AES-256-GCM under a key derived from the
/// installation's key, stored as `enc1:<key id>:<base64 of nonce, ciphertext and tag>`. The key id
/// travels with each value, so a value says which key it needs, and a missing key is named.
struct FieldCipher: Sendable {
    struct MissingKey: Error, CustomStringConvertible {
        let keyID: String
        var description: String { "A stored value needs key \(keyID), which this server wasn't given." }
    }

    static let prefix = "enc1:"

    let currentID: String
    private let keys: [String: SymmetricKey]

    init(_ key: AppKey) {
        let derived = key.derive("alongside field encryption v1")
        let id = Self.id(of: derived)
        currentID = id
        keys = [id: derived]
    }

    static func id(of key: SymmetricKey) -> String {
        String(SHA256.hash(data: key.withUnsafeBytes { Data($0) }).hex.prefix(8))
    }

    func seal(_ plain: String) throws -> String {
        let box = try AES.GCM.seal(Data(plain.utf8), using: keys[currentID]!)
        guard let combined = box.combined else { throw Abort(.internalServerError, reason: "encryption produced nothing") }
        return Self.prefix + currentID + ":" + combined.base64EncodedString()
    }

    func open(_ stored: String) throws -> String {
        guard stored.hasPrefix(Self.prefix) else { return stored }
        let parts = stored.dropFirst(Self.prefix.count).split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let data = Data(base64Encoded: String(parts[1])) else {
            throw Abort(.internalServerError, reason: "a stored value is not in the expected form")
        }
        guard let key = keys[String(parts[0])] else { throw MissingKey(keyID: String(parts[0])) }
        let plain = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key)
        return String(decoding: plain, as: UTF8.self)
    }
}

extension FieldCipher {
    /// Columns whose values are sealed by this cipher.
    static let sealedColumns: [(table: String, column: String)] = [("accounts", "totp_secret")]

    /// Refuses to start when a stored value needs a key this server wasn't given (a key file
    /// replaced, or the wrong one restored), naming the key id, rather than failing later, one
    /// sign-in at a time.
    func checkEveryStoredKeyIsHere(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for (table, column) in Self.sealedColumns {
            let rows = try await sql.raw(
                """
                SELECT DISTINCT substr(\(ident: column), \(literal: Self.prefix.count + 1), 8) AS key_id FROM \(ident: table)
                WHERE \(ident: column) LIKE \(bind: Self.prefix + "%")
                """
            ).all()
            for row in rows {
                let id = try row.decode(column: "key_id", as: String.self)
                guard keys[id] != nil else {
                    throw Settings.Problem(
                        description:
                            "Alongside can't start: values in \(table).\(column) are encrypted with key \(id), which this server wasn't given. Restore the key file (ALONGSIDE_KEY_FILE) that was in use when they were written; this server's key is \(currentID)."
                    )
                }
            }
        }
    }
}

extension Application {
    private struct FieldCipherKey: StorageKey { typealias Value = FieldCipher }

    /// Set once by `configure`, before any request.
    var fieldCipher: FieldCipher {
        get { storage[FieldCipherKey.self]! }
        set { storage[FieldCipherKey.self] = newValue }
    }
}
