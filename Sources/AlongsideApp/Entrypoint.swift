import Logging
import Vapor

/// Runs Alongside as a command-line program: `serve` (the default), `migrate`, `demo`, `audit verify`.
public enum Entrypoint {
    public static func main() async {
        var environment: Environment
        do {
            environment = try Environment.detect()
            if ProcessInfo.processInfo.environment["ALONGSIDE_LOG_FORMAT"]?.lowercased() == "json" {
                let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
                LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
            } else {
                try LoggingSystem.bootstrap(from: &environment)
            }
        } catch {
            print("Alongside can't start: \(error)")
            exit(1)
        }
        do {
            let settings = try Settings.fromEnvironment()
            let app = try await Application.make(environment)
            do {
                // Checking text needs no database: don't create or migrate one for it.
                if CommandLine.arguments.dropFirst().first == "language-check" {
                    app.asyncCommands.use(LanguageCheckCommand(), as: "language-check", isDefault: true)
                } else if CommandLine.arguments.dropFirst().first == "restore" {
                    // A restore replaces the database file: it must not be opened, let alone migrated, first.
                    app.asyncCommands.use(RestoreCommand(settings: settings), as: "restore", isDefault: true)
                } else {
                    try await configure(app, settings: settings)
                }
                try await app.execute()
                // A stop signal ends `execute` with requests still running. Stop listening and let them
                // finish first: shutting the app down closes the databases those requests are using.
                await app.server.shutdown()
                try await app.asyncShutdown()
            } catch {
                app.logger.critical("Alongside stopped: \(String(describing: error))")
                try? await app.asyncShutdown()
                exit(1)
            }
        } catch {
            print("\(error)")
            exit(1)
        }
    }
}
