import AlongsideDomain
import Vapor

/// `alongside audit verify`: walks the whole audit trail with the key and reports the first broken
/// link; `--expect-head` and `--heads-from` also check it against heads written to the log.
struct AuditCommands: AsyncCommandGroup {
    var help: String { "Works with the audit trail." }
    var commands: [String: any AnyAsyncCommand] { ["verify": VerifyCommand()] }

    struct VerifyCommand: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(
                name: "expect-head",
                help: "A head from the log, <count>:<seal> (from an `audit head` line): the trail must still hold it.")
            var expectHead: String?

            @Option(
                name: "heads-from",
                help: "A log file: every `audit head <count>:<seal>` line in it must still hold.")
            var headsFrom: String?
        }

        var help: String {
            "Checks with the key that no audit entry was changed, removed, reordered or forged, and that the trail still holds every head given from the log."
        }

        func run(using context: CommandContext, signature: Signature) async throws {
            var heads: [AuditChain.Head] = []
            if let text = signature.expectHead {
                guard let head = AuditChain.Head(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                    context.console.error("--expect-head must be <count>:<seal>, as an `audit head` line in the log gives it.")
                    throw AuditTrailBroken()
                }
                heads.append(head)
            }
            if let path = signature.headsFrom {
                guard let data = FileManager.default.contents(atPath: path) else {
                    context.console.error("--heads-from: \(path) can't be read.")
                    throw AuditTrailBroken()
                }
                let found = AuditChain.Head.inLog(String(decoding: data, as: UTF8.self))
                if found.isEmpty {
                    context.console.warning("--heads-from: no `audit head` lines in \(path).")
                }
                heads += found
            }
            let app = context.application
            let verdict = try await AuditVerifier.verify(on: app.db, key: app.auditKey, loggedHeads: heads)
            for seal in try await AuditVerifier.seals(on: app.db) {
                context.console.print(
                    "Sealed under the key at entry \(seal.sequence), \(seal.occurredAt.formatted(.iso8601)): \(seal.detail).")
            }
            switch verdict {
            case .intact(let entries):
                let against = heads.isEmpty ? "" : " It holds every one of the \(heads.count) heads from the log."
                context.console.print("Audit trail intact: \(entries) entries checked.\(against)")
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
