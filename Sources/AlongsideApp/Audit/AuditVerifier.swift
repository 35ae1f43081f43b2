import AlongsideDomain
import Fluent
import SQLKit

/// Reads the whole trail in order, a page at a time, and checks every link with the key: each
/// entry's seal, the head row and its own seal, and any heads written to the log earlier.
enum AuditVerifier {
    /// - Parameter loggedHeads: heads from the application log (`audit head <count>:<seal>`); the
    ///   trail must still hold each one, which is how a trail cut back or emptied is noticed.
    static func verify(
        on database: any Database, key: AuditKey, loggedHeads: [AuditChain.Head] = [], pageSize: Int = 5_000
    ) async throws -> AuditChain.Verdict {
        var walker = AuditChain.Walker(loggedHeads: loggedHeads)
        var sealedAt: Int64?
        var after: Int64 = 0
        while true {
            let page = try await AuditEntry.query(on: database)
                .filter(\.$sequence > after)
                .sort(\.$sequence)
                .limit(pageSize)
                .all()
            guard let last = page.last else { break }
            for entry in page {
                if let broken = walker.step(entry.record, storedHash: entry.hash, seal: key.seal) { return broken }
                // A trail is sealed under the key once. A second seal means its head was put back to
                // the old, unkeyed chain so that a rewritten trail would be sealed as if it were true.
                if entry.action == AuditSealing.action {
                    if let sealedAt {
                        return .broken(
                            atSequence: entry.sequence,
                            reason: "the trail was sealed under the key again (first at entry \(sealedAt)): its head had been reset")
                    }
                    sealedAt = entry.sequence
                }
            }
            after = last.sequence
        }
        guard let head = try await AuditHeadRow.read(on: database) else {
            return .broken(atSequence: Int64(walker.checked) + 1, reason: "the trail's head row is missing")
        }
        guard head.chainVersion >= AuditChain.keyedVersion else {
            return .broken(atSequence: Int64(walker.checked) + 1, reason: "the trail is not sealed under the key")
        }
        let headSealHolds = head.headSeal.map { SecretToken.matches($0, key.seal(head.head)) } ?? false
        return walker.finish(head: head.head, headSealHolds: headSealHolds)
    }

    /// The entries that record the trail being sealed under the key, for `audit verify` to show.
    static func seals(on database: any Database) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: database).filter(\.$action == AuditSealing.action).sort(\.$sequence).all()
    }
}

/// The one row of `audit_head`: how many entries were written, the last seal, the chain's version
/// and the head's own seal.
struct AuditHeadRow: Sendable {
    let head: AuditChain.Head
    let chainVersion: Int
    let headSeal: String?

    static func read(on database: any Database) async throws -> AuditHeadRow? {
        guard
            let row = try await (database as! any SQLDatabase).raw(
                "SELECT sequence, last_hash, chain_version, head_mac FROM audit_head WHERE id = 1"
            ).first()
        else { return nil }
        return AuditHeadRow(
            head: AuditChain.Head(
                sequence: try row.decode(column: "sequence", as: Int64.self),
                lastHash: try row.decode(column: "last_hash", as: String.self)),
            chainVersion: try row.decode(column: "chain_version", as: Int.self),
            headSeal: try row.decode(column: "head_mac", as: String?.self))
    }
}
