import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// `alongside demo`: creates or refreshes the demo organisation. The password comes from
/// `ALONGSIDE_DEMO_PASSWORD`, or a new one is made up and printed once.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "Also add N × 500 peers, N × 5 peer workers and a year of conversations (N=100: 2 million).")
        var scale: Int?
        @Flag(name: "beside-real-data", help: "Add the demo even though this database holds a real service.")
        var besideRealData: Bool
    }
    var help: String { "Creates or refreshes the synthetic demo organisation, \"\(DemoData.organisationName)\"." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let given = Environment.get("ALONGSIDE_DEMO_PASSWORD")
        let password = given ?? SecretToken.generate().prefix(20).description
        if let problem = app.accountPasswords.rule.problem(with: password) {
            context.console.error("ALONGSIDE_DEMO_PASSWORD can't be used: \(problem)")
            throw DemoPasswordRejected()
        }
        // A real service's database is no place for made-up people, unless someone says so.
        let real = try await Organisation.query(on: app.db).filter(\.$name != DemoData.organisationName).count()
        if real > 0, !signature.besideRealData {
            context.console.error(
                "This database holds a real service (\(real) organisation\(real == 1 ? "" : "s") besides the demo). The demo would add made-up people beside real ones, so nothing was added. Use an empty data folder (ALONGSIDE_DATA_DIR) for the demo, or add --beside-real-data if you really mean it."
            )
            throw DemoRefused()
        }
        if let scale = signature.scale, !(1...1_000).contains(scale) {
            context.console.error("--scale must be a whole number from 1 to 1000.")
            throw DemoPasswordRejected()
        }
        let result = try await DemoData.seed(
            on: app.db, passwords: app.accountPasswords, auditKey: app.auditKey, password: password, now: app.clock.now())
        context.console.print("\(DemoData.organisationName): \(result.created) accounts created, \(result.refreshed) refreshed.")
        context.console.print(
            "Sign in as any of: " + Role.allCases.map { "\($0.rawValue)@\(DemoData.emailDomain)" }.joined(separator: ", "))
        if let scale = signature.scale {
            try await seedScaled(scale, context: context, organisationID: result.organisationID, password: password)
        }
        if given == nil {
            context.console.print("Demo password (shown once): \(password)")
        } else {
            context.console.print("Demo password: the one in ALONGSIDE_DEMO_PASSWORD.")
        }
    }

    private func seedScaled(_ scale: Int, context: CommandContext, organisationID: UUID, password: String) async throws {
        let app = context.application
        guard
            let sam = try await Account.query(on: app.db).filter(\.$email == "peerworker@\(DemoData.emailDomain)").first()?.requireID(),
            let author = try await Account.query(on: app.db).filter(\.$email == "coordinator@\(DemoData.emailDomain)").first()?.requireID()
        else { return }
        let hash = try await app.accountPasswords.hash(password)
        let now = app.clock.now()
        let stats = try await app.db.transaction { db in
            let stats = try await DemoScale.seed(
                scale: scale, organisationID: organisationID, passwordHash: hash, author: author, demoWorker: sam, on: db, now: now)
            try await DemoHeadspace.seed(organisationID: organisationID, on: db)
            return stats
        }
        guard let stats else {
            context.console.print("The demo is already scaled up; nothing added.")
            return
        }
        // PostgreSQL plans from statistics its autovacuum gathers only minutes after a bulk load;
        // until then it guesses a service of two accounts and one relationship, and a search
        // across the service walked every relationship (300 ms instead of 2). Gather them now.
        if let sql = app.db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("ANALYZE").run()
        }
        context.console.print(
            "Scaled demo: \(stats.workers) peer workers, \(stats.peers) peers, \(stats.conversations) conversations in "
                + String(
                    format: "%.1f s (conversations: %.0f a second).", stats.seconds, Double(stats.conversations) / stats.conversationSeconds
                ))
        if let busiest = stats.busiestRelationship {
            context.console.print(
                "Busiest relationship of peerworker@\(DemoData.emailDomain) (\(stats.busiestCount) conversations): \(AppURL.relationship(busiest).path)"
            )
        }
    }

    struct DemoRefused: Error, CustomStringConvertible {
        var description: String { "the demo was not added beside a real service" }
    }

    struct DemoPasswordRejected: Error, CustomStringConvertible {
        var description: String { "the demo password was not accepted" }
    }
}
