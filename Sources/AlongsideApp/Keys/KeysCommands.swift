import Fluent
import Foundation
import SQLKit
import Vapor

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `alongside keys rotate` seals every free-text value again under a new data key while the
/// server keeps serving; `alongside keys status` says which keys are in use.
struct KeysCommands: AsyncCommandGroup {
    var help: String { "Works with the data keys that encrypt free text." }
    var commands: [String: any AnyAsyncCommand] { ["rotate": RotateCommand(), "status": StatusCommand()] }

    struct StatusCommand: AsyncCommand {
        struct Signature: CommandSignature {}
        var help: String { "Lists the data keys and how many values each one seals." }

        func run(using context: CommandContext, signature: Signature) async throws {
            let sql = context.application.db as! any SQLDatabase
            for row in try await DataKeys.rows(on: sql) {
                let state =
                    if let retired = row.retiredAt {
                        "retired \(retired.formatted(.iso8601))"
                    } else if row.id
                        == FieldCipher.shared.currentID
                    { "current" } else { "still opens values" }
                context.console.print("\(row.id)  made \(row.createdAt.formatted(.iso8601))  \(state)")
            }
            guard let current = FieldCipher.shared.currentID else { return }
            let left = try await Resealing.remaining(under: current, on: sql)
            context.console.print(left == 0 ? "Every value is under the current key." : "\(left) values are under an older key.")
        }
    }

    struct RotateCommand: AsyncCommand {
        struct Signature: CommandSignature {
            @Option(name: "batch", help: "Values sealed again in each transaction (default 500).")
            var batch: Int?

            @Option(
                name: "wait",
                help: "Seconds to wait, after making the new key, for running servers to learn it (default twice their refresh).")
            var wait: Double?
        }

        var help: String {
            "Makes a new data key and seals every free-text value again under it, a batch at a time, while the server runs. Stopped part way, run it again: it goes on with the same key."
        }

        func run(using context: CommandContext, signature: Signature) async throws {
            let app = context.application
            let sql = app.db as! any SQLDatabase
            let live = try await DataKeys.rows(on: sql).filter { $0.retiredAt == nil }
            let target: String
            if live.count > 1, let newest = live.last {
                target = newest.id
                context.console.print("Going on with the rotation to key \(target), which was started earlier.")
            } else {
                let key = SymmetricKey(size: .bits256)
                target = FieldCipher.id(of: key)
                // The newest key seals: it must sort after every other, even made within the same second.
                let made = max(app.clock.now(), (live.last?.createdAt ?? .distantPast).addingTimeInterval(1))
                try await sql.insert(into: "data_keys").columns("id", "wrapped", "created_at")
                    .values(SQLBind(target), SQLBind(DataKeys.wrap(key, master: app.installationKey)), SQLBind(made))
                    .run()
                FieldCipher.shared.add(key)
                context.console.print("Made data key \(target).")
                let wait = signature.wait ?? app.settings.dataKeyRefreshSeconds * 2
                if wait > 0 {
                    context.console.print("Waiting \(Int(wait)) s so that running servers can open values sealed with it.")
                    try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
                }
            }
            FieldCipher.shared.makeCurrent(target)
            let bar = ProgressBar(console: context.console)
            var total = try await Resealing.remaining(under: target, on: sql)
            var done = 0
            // Servers that haven't yet learned the key may still seal under the old one: go round
            // again until a pass finds nothing left.
            for pass in 0..<30 where total > done {
                if pass > 0 { try await Task.sleep(nanoseconds: 1_000_000_000) }
                let base = done
                let counted = total
                done += try await Resealing.run(to: target, on: app.db, batchSize: max(1, signature.batch ?? 500)) {
                    bar.show(base + $0, of: counted)
                }
                total = done + (try await Resealing.remaining(under: target, on: sql))
            }
            bar.show(done, of: total, final: true)
            guard try await Resealing.remaining(under: target, on: sql) == 0 else {
                context.console.error("Some values are still under an older key (something keeps writing with it). Run this again.")
                throw RotationUnfinished()
            }
            try await sql.raw(
                "UPDATE data_keys SET retired_at = \(bind: app.clock.now()), wrapped = '' WHERE id <> \(bind: target) AND retired_at IS NULL"
            ).run()
            try await AuditLog(database: app.db, clock: app.clock, key: app.auditKey, turns: app.auditTurns).append(
                .init(
                    action: "rotateDataKeys", targetKind: "data_keys", targetID: target, outcome: .success,
                    detail: "\(done) values sealed again"))
            context.console.print("Every value is now under data key \(target); the older keys are retired.")
        }
    }

    struct RotationUnfinished: Error, CustomStringConvertible {
        var description: String { "the rotation is not finished" }
    }
}

/// A progress bar on a terminal, redrawn in place; elsewhere (a log, a pipe) a line now and then.
final class ProgressBar: @unchecked Sendable {
    private let console: any Console
    private let terminal = isatty(STDOUT_FILENO) == 1
    private var lastTenth = -1

    init(console: any Console) { self.console = console }

    func show(_ done: Int, of total: Int, final: Bool = false) {
        let fraction = total == 0 ? 1 : min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(fraction * Double(width))
        let line =
            "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(done) of \(total) values"
        if terminal {
            console.output(("\r" + line).consoleText(), newLine: final)
        } else if final || Int(fraction * 10) > lastTenth {
            lastTenth = Int(fraction * 10)
            console.print(line)
        }
    }
}
