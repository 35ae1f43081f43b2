import Foundation
import SQLKit
import Synchronization
import Vapor

/// Seals free text before it reaches the database: AES-256-GCM under a *data key*, stored as
/// `enc1:<key id>:<base64 of nonce, ciphertext and tag>`. The key id (the first 8 hex digits of the
/// key's SHA-256) travels with each value, so a value names the key it needs.
///
/// Data keys are apart from the audit chain's key, so rotating them never touches
/// `alongside audit verify`. The first data key is derived from the installation's key; each
/// rotation adds a random one, stored in `data_keys` wrapped (sealed) by another sub-key of the
/// installation's key, so a copy of the database alone opens nothing.
///
/// One ring per process: Fluent's property wrappers seal and open values without a request or an
/// application at hand. Keys are only ever added (ids are hashes of the keys, so two applications
/// in one process, as in the tests, never clash); which key seals is the current one.
final class FieldCipher: Sendable {
    struct MissingKey: Error, CustomStringConvertible {
        let keyID: String
        var description: String { "A stored value needs key \(keyID), which this server wasn't given." }
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String { "A stored value is not in the expected sealed form." }
    }

    static let prefix = "enc1:"
    static let shared = FieldCipher()

    private struct State {
        var keys: [String: SymmetricKey] = [:]
        var currentID: String?
        var indexKey: SymmetricKey?
    }

    private let state = Mutex(State())

    /// Values opened or sealed lately, by their sealed form (unique to each value: a fresh nonce
    /// each time one is sealed). A caseload opens the same names on every request; this keeps them
    /// from being decrypted again each time. The process holds these words while it serves them
    /// anyway, and whoever can read its memory can read its keys.
    private let opened = Mutex(RecentlyOpened(budget: openedBudget))
    /// About 10,000 names and short notes: every name on every caseload of a service with a few
    /// hundred workers. A value not held costs one decryption, a few microseconds.
    static let openedBudget = 2 << 20

    /// Bytes the opened values hold, as counted against `openedBudget`.
    var openedBytes: Int { opened.withLock { $0.bytes } }

    static func id(of key: SymmetricKey) -> String {
        String(SHA256.hash(data: key.withUnsafeBytes { Data($0) }).hex.prefix(8))
    }

    /// Adds a key that values may be sealed with; returns its id.
    @discardableResult
    func add(_ key: SymmetricKey) -> String {
        let id = Self.id(of: key)
        state.withLock { $0.keys[id] = key }
        return id
    }

    func makeCurrent(_ id: String) {
        state.withLock {
            precondition($0.keys[id] != nil, "the current data key must be in the ring")
            $0.currentID = id
        }
    }

    func setIndexKey(_ key: SymmetricKey) { state.withLock { $0.indexKey = key } }

    var currentID: String? { state.withLock { $0.currentID } }

    func has(_ id: String) -> Bool { state.withLock { $0.keys[id] != nil } }

    /// The empty string stays empty: that a field was left blank is visible, its words are not.
    func seal(_ plain: String) -> String {
        guard !plain.isEmpty else { return "" }
        let (id, key) = state.withLock { state -> (String, SymmetricKey) in
            guard let id = state.currentID, let key = state.keys[id] else {
                preconditionFailure("no data key: configure() loads them before anything is written")
            }
            return (id, key)
        }
        let sealed = Self.seal(plain, with: key, id: id)
        // What was just written is usually shown next (the page a form returns to), and Fluent
        // reads a created model's fields back at once: neither needs to decrypt it.
        opened.withLock { $0.remember(sealed, plain) }
        return sealed
    }

    static func seal(_ plain: String, with key: SymmetricKey, id: String) -> String {
        // A 12-byte random nonce, which GCM's `combined` form always has.
        let box = try! AES.GCM.seal(Data(plain.utf8), using: key)
        return prefix + id + ":" + box.combined!.base64EncodedString()
    }

    /// Seals under a named key of the ring (a rotation's new key, before it is current).
    func seal(_ plain: String, under id: String) throws -> String {
        guard !plain.isEmpty else { return "" }
        guard let key = state.withLock({ $0.keys[id] }) else { throw MissingKey(keyID: id) }
        return Self.seal(plain, with: key, id: id)
    }

    /// A value without the prefix is returned as it is: written before encryption, or empty.
    func open(_ stored: String) throws -> String {
        guard stored.hasPrefix(Self.prefix) else { return stored }
        if let plain = opened.withLock({ $0.plain(for: stored) }) { return plain }
        guard let id = Self.keyID(of: stored) else { throw Malformed() }
        guard let key = state.withLock({ $0.keys[id] }) else { throw MissingKey(keyID: id) }
        let plain = try Self.open(stored, with: key)
        opened.withLock { $0.remember(stored, plain) }
        return plain
    }

    static func open(_ stored: String, with key: SymmetricKey) throws -> String {
        guard let id = keyID(of: stored) else { throw Malformed() }
        let start = stored.index(stored.startIndex, offsetBy: prefix.count + id.count + 1)
        guard let data = Data(base64Encoded: String(stored[start...])) else { throw Malformed() }
        let plain = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key)
        return String(decoding: plain, as: UTF8.self)
    }

    static func keyID(of stored: String) -> String? {
        guard stored.hasPrefix(prefix) else { return nil }
        let rest = stored.dropFirst(prefix.count)
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        return String(rest[..<colon])
    }

    /// The blind index's hash of one search token: a keyed HMAC, cut to 8 hex digits. Short on
    /// purpose: collisions only add candidates, which the search drops after opening their names.
    func indexToken(_ token: String) -> String {
        let key = state.withLock { $0.indexKey }
        guard let key else { preconditionFailure("no index key: configure() sets it before anything is written") }
        return String(Data(HMAC<SHA256>.authenticationCode(for: Data(token.utf8), using: key)).hex.prefix(8))
    }
}

extension SQLRow {
    /// A sealed free-text column, opened.
    func decodeSealed(column: String) throws -> String {
        try FieldCipher.shared.open(try decode(column: column, as: String.self))
    }

    func decodeSealed(column: String) throws -> String? {
        try decode(column: column, as: String?.self).map { try FieldCipher.shared.open($0) }
    }
}

extension SQLBind {
    /// Free text for a raw statement, sealed first.
    static func sealed(_ plain: String) -> SQLBind { SQLBind(FieldCipher.shared.seal(plain)) }
    static func sealed(_ plain: String?) -> SQLBind { SQLBind(plain.map { FieldCipher.shared.seal($0) }) }
}
