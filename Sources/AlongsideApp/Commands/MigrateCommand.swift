import Fluent
import Vapor

/// `alongside migrate`: brings the database schema up to date (it also happens at every start).
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Brings the database schema up to date." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        context.console.print("The database is up to date.")
    }
}
