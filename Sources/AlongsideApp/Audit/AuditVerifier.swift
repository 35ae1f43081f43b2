import AlongsideDomain
import Fluent
import SQLKit

/// Reads the whole trail in order, a page at a time, and checks every link.
enum AuditVerifier {
    static func verify(on database: any Database, pageSize: Int = 5_000) async throws -> AuditChain.Verdict {
        var walker = AuditChain.Walker()
        var after: Int64 = 0
        while true {
            let page = try await AuditEntry.query(on: database)
                .filter(\.$sequence > after)
                .sort(\.$sequence)
                .limit(pageSize)
                .all()
            guard let last = page.last else { break }
            for entry in page {
                if let broken = walker.step(entry.record, storedHash: entry.hash, hash: AuditHash.hex) { return broken }
            }
            after = last.sequence
        }
        // Removing the newest entries leaves a chain that holds; the head still knows how long it was.
        let head = try await (database as! any SQLDatabase).raw("SELECT sequence, last_hash FROM audit_head WHERE id = 1").first()
        let headSequence = try head?.decode(column: "sequence", as: Int64.self) ?? 0
        if headSequence != Int64(walker.checked) {
            return .broken(
                atSequence: Int64(walker.checked) + 1,
                reason: "the trail ends at entry \(walker.checked) but \(headSequence) were written: entries were removed")
        }
        return .intact(entries: walker.checked)
    }
}
