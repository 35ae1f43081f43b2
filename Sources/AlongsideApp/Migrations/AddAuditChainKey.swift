import Fluent
import SQLKit

/// The audit chain becomes keyed. The head row learns which chain it holds (1: plain SHA-256, as
/// written so far; 2: sealed under the key) and carries a keyed seal of its own. Re-sealing the
/// entries needs the key, which migrations don't have: `AuditSealing` does it at start-up.
struct AddAuditChainKey: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_head")
            .field("chain_version", .int, .required, .sql(.default(1)))
            .update()
        try await database.schema("audit_head")
            .field("head_mac", .string)
            .update()
    }

    func revert(on database: any Database) async throws {
        for field in ["head_mac", "chain_version"] {
            try await database.schema("audit_head").deleteField(.string(field)).update()
        }
    }
}
