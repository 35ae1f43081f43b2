import AlongsideDomain
import Foundation

extension Settings {
    /// A setting that is present but unusable stops start-up with a message naming it.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        var reader = EnvironmentReader(values: environment)
        let database: DatabaseSettings =
            if let url = reader.string("DATABASE_URL") {
                .postgres(url: url)
            } else {
                .sqliteFile(dataDirectory: reader.string("ALONGSIDE_DATA_DIR") ?? "./alongside-data")
            }
        var settings = Settings(database: database)
        settings.server.hostname = reader.string("ALONGSIDE_HOSTNAME") ?? settings.server.hostname
        settings.server.port = reader.integer("ALONGSIDE_PORT", in: 1...65535) ?? settings.server.port
        settings.server.publicURL = reader.string("ALONGSIDE_PUBLIC_URL")
        settings.mutualityItemsFile = reader.string("ALONGSIDE_MUTUALITY_ITEMS")
        settings.sessions.secureCookies = reader.bool("ALONGSIDE_SECURE_COOKIES") ?? false
        if let minutes = reader.integer("ALONGSIDE_SESSION_IDLE_MINUTES", in: 1...1440) {
            settings.sessions.lifetime.idle = TimeInterval(minutes * 60)
        }
        if let hours = reader.integer("ALONGSIDE_SESSION_ABSOLUTE_HOURS", in: 1...168) {
            settings.sessions.lifetime.absolute = TimeInterval(hours * 3600)
        }
        if let hours = reader.integer("ALONGSIDE_INVITE_VALID_HOURS", in: 1...720) {
            settings.security.inviteLifetime = TimeInterval(hours * 3600)
        }
        if let count = reader.integer("ALONGSIDE_LOGIN_MAX_FAILURES_ACCOUNT", in: 1...100) {
            settings.security.throttle.maxFailuresPerAccount = count
        }
        if let count = reader.integer("ALONGSIDE_LOGIN_MAX_FAILURES_ADDRESS", in: 1...10_000) {
            settings.security.throttle.maxFailuresPerAddress = count
        }
        if let minutes = reader.integer("ALONGSIDE_LOGIN_WINDOW_MINUTES", in: 1...1440) {
            settings.security.throttle.window = TimeInterval(minutes * 60)
        }
        settings.security.bcryptCost = reader.integer("ALONGSIDE_BCRYPT_COST", in: 4...16) ?? settings.security.bcryptCost
        if !reader.problems.isEmpty {
            throw Problem(description: "Alongside can't start: " + reader.problems.joined(separator: "; "))
        }
        return settings
    }
}

private struct EnvironmentReader {
    let values: [String: String]
    var problems: [String] = []

    func string(_ name: String) -> String? {
        guard let value = values[name]?.trimmingWhitespace(), !value.isEmpty else { return nil }
        return value
    }

    mutating func integer(_ name: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            problems.append("\(name) is \"\(text)\" but must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func bool(_ name: String) -> Bool? {
        guard let text = string(name)?.lowercased() else { return nil }
        switch text {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default:
            problems.append("\(name) is \"\(text)\" but must be true or false")
            return nil
        }
    }
}
