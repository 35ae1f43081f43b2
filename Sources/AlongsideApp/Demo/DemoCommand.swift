import AlongsideDomain
import Vapor

/// `alongside demo`: creates or refreshes the demo organisation. The password comes from
/// `ALONGSIDE_DEMO_PASSWORD`, or a new one is made up and printed once.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Creates or refreshes the synthetic demo organisation, \"\(DemoData.organisationName)\"." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let given = Environment.get("ALONGSIDE_DEMO_PASSWORD")
        let password = given ?? SecretToken.generate().prefix(20).description
        if let problem = app.accountPasswords.rule.problem(with: password) {
            context.console.error("ALONGSIDE_DEMO_PASSWORD can't be used: \(problem)")
            throw DemoPasswordRejected()
        }
        let result = try await DemoData.seed(on: app.db, passwords: app.accountPasswords, password: password, now: app.clock.now())
        context.console.print("\(DemoData.organisationName): \(result.created) accounts created, \(result.refreshed) refreshed.")
        context.console.print(
            "Sign in as any of: " + Role.allCases.map { "\($0.rawValue)@\(DemoData.emailDomain)" }.joined(separator: ", "))
        if given == nil {
            context.console.print("Demo password (shown once): \(password)")
        } else {
            context.console.print("Demo password: the one in ALONGSIDE_DEMO_PASSWORD.")
        }
    }

    struct DemoPasswordRejected: Error, CustomStringConvertible {
        var description: String { "the demo password was not accepted" }
    }
}
