import AlongsideDomain
import Vapor

/// `alongside audit verify`: walks the whole audit trail and reports the first broken link.
struct AuditCommands: AsyncCommandGroup {
    var help: String { "Works with the audit trail." }
    var commands: [String: any AnyAsyncCommand] { ["verify": VerifyCommand()] }

    struct VerifyCommand: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Checks that no audit entry was changed, removed or reordered." }

        func run(using context: CommandContext, signature: Signature) async throws {
            switch try await AuditVerifier.verify(on: context.application.db) {
            case .intact(let entries):
                context.console.print("Audit trail intact: \(entries) entries checked.")
            case .broken(let sequence, let reason):
                context.console.error("Audit trail broken at entry \(sequence): \(reason).")
                throw AuditTrailBroken()
            }
        }
    }

    struct AuditTrailBroken: Error, CustomStringConvertible {
        var description: String { "the audit trail is broken" }
    }
}
