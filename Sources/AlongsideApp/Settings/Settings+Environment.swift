import AlongsideDomain
import Foundation

extension Settings {
    /// A setting that is present but unusable stops start-up with a message naming it.
    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment, arguments: [String] = CommandLine.arguments
    ) throws -> Settings {
        var reader = EnvironmentReader(values: environment)
        let dataDirectory = reader.string("ALONGSIDE_DATA_DIR") ?? KeySettings.defaultDataDirectory
        let database: DatabaseSettings =
            if let url = reader.string("DATABASE_URL") {
                .postgres(url: url)
            } else {
                .sqliteFile(dataDirectory: dataDirectory)
            }
        var settings = Settings(
            database: database,
            key: .file(path: reader.string("ALONGSIDE_KEY_FILE") ?? KeySettings.defaultPath(dataDirectory: dataDirectory)))
        if let hex = reader.string("ALONGSIDE_KEY") {
            if let bytes = EnvironmentReader.hexBytes(hex), bytes.count == AppKey.byteCount {
                settings.key = .inMemory(bytes)
            } else {
                reader.problems.append(
                    "ALONGSIDE_KEY must be exactly \(AppKey.byteCount * 2) hex digits (for example from `head -c 32 /dev/urandom | xxd -p -c 64`)"
                )
            }
        }
        if let seconds = reader.integer("ALONGSIDE_DATA_KEY_REFRESH_SECONDS", in: 1...3600) {
            settings.dataKeyRefreshSeconds = TimeInterval(seconds)
        }
        if let minutes = reader.integer("ALONGSIDE_AUDIT_HEAD_MINUTES", in: 1...1440) {
            settings.audit.headLogInterval = TimeInterval(minutes * 60)
        }
        settings.server.hostname = reader.string("ALONGSIDE_HOSTNAME") ?? settings.server.hostname
        settings.server.port = reader.integer("ALONGSIDE_PORT", in: 1...65535) ?? settings.server.port
        settings.server.publicURL = reader.string("ALONGSIDE_PUBLIC_URL")
        // `serve --hostname/--port` win over the environment; links must name what is really served.
        if let hostname = Self.option(["--hostname", "-H"], in: arguments) { settings.server.hostname = hostname }
        if let port = Self.option(["--port", "-p"], in: arguments).flatMap(Int.init) { settings.server.port = port }
        if let publicURL = settings.server.publicURL,
            !(publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://")) || publicURL.contains(where: { $0.isWhitespace })
        {
            reader.problems.append("ALONGSIDE_PUBLIC_URL is \"\(publicURL)\" but must be an address such as https://peers.example.org")
        }
        if settings.server.publicURL == nil, !settings.server.isLoopbackOnly {
            reader.problems.append(
                "ALONGSIDE_PUBLIC_URL must be set when listening on \(settings.server.hostname): invite and calendar links are built from it, never from what a browser says the address is"
            )
        }
        settings.mutualityItemsFile = reader.string("ALONGSIDE_MUTUALITY_ITEMS")
        if let minutes = reader.integer("ALONGSIDE_PASSWORD_RESET_MINUTES", in: 5...1440) {
            settings.passwordResetLifetime = TimeInterval(minutes * 60)
        }
        if let host = reader.string("ALONGSIDE_SMTP_HOST") {
            if let from = reader.string("ALONGSIDE_SMTP_FROM"), EmailAddress(from) != nil {
                var mail = MailSettings(host: host, fromAddress: EmailAddress(from)!.value)
                mail.port = reader.integer("ALONGSIDE_SMTP_PORT", in: 1...65535) ?? mail.port
                if let security = reader.string("ALONGSIDE_SMTP_SECURITY") {
                    if let chosen = MailSettings.Security(rawValue: security.lowercased()) {
                        mail.security = chosen
                    } else {
                        reader.problems.append("ALONGSIDE_SMTP_SECURITY is \"\(security)\" but must be starttls, tls or none")
                    }
                }
                mail.username = reader.string("ALONGSIDE_SMTP_USERNAME")
                mail.password = reader.string("ALONGSIDE_SMTP_PASSWORD")
                if mail.security == .none, mail.username != nil, !["127.0.0.1", "::1", "localhost"].contains(host.lowercased()) {
                    reader.problems.append(
                        "ALONGSIDE_SMTP_SECURITY is none, so the SMTP password would cross the network unencrypted: use starttls or tls, or a relay on this machine"
                    )
                }
                if (mail.username == nil) != (mail.password == nil) {
                    reader.problems.append("ALONGSIDE_SMTP_USERNAME and ALONGSIDE_SMTP_PASSWORD go together: set both, or neither")
                }
                mail.fromName = reader.string("ALONGSIDE_SMTP_FROM_NAME") ?? mail.fromName
                mail.trustRootsFile = reader.string("ALONGSIDE_SMTP_CA_FILE")
                if let seconds = reader.integer("ALONGSIDE_MAIL_POLL_SECONDS", in: 1...3600) { mail.pollSeconds = Double(seconds) }
                if let publicURL = settings.server.publicURL, let host = URL(string: publicURL)?.host { mail.helloName = host }
                settings.mail = mail
            } else {
                reader.problems.append("ALONGSIDE_SMTP_FROM must be the address messages come from, such as peers@example.org")
            }
        }
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
        // The name is from when this paused an account everywhere; it now counts one email from one address.
        if let count = reader.integer("ALONGSIDE_LOGIN_MAX_FAILURES_ACCOUNT", in: 1...100) {
            settings.security.throttle.freeFailuresPerPair = count
        }
        if let count = reader.integer("ALONGSIDE_LOGIN_MAX_FAILURES_ADDRESS", in: 1...10_000) {
            settings.security.throttle.maxFailuresPerAddress = count
        }
        if let minutes = reader.integer("ALONGSIDE_LOGIN_WINDOW_MINUTES", in: 1...1440) {
            settings.security.throttle.window = TimeInterval(minutes * 60)
        }
        if let token = reader.string("ALONGSIDE_METRICS_TOKEN") {
            if token.utf8.count < 32 || token.contains(where: \.isWhitespace) {
                reader.problems.append(
                    "ALONGSIDE_METRICS_TOKEN must be at least 32 characters without spaces (for example: head -c 24 /dev/urandom | base64)")
            } else {
                settings.metricsToken = token
            }
        }
        if let proxies = reader.string("ALONGSIDE_TRUSTED_PROXIES") {
            settings.security.trustedProxies = Set(
                proxies.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty })
        }
        settings.security.bcryptCost = reader.integer("ALONGSIDE_BCRYPT_COST", in: 4...16) ?? settings.security.bcryptCost
        if !reader.problems.isEmpty {
            throw Problem(description: "Alongside can't start: " + reader.problems.joined(separator: "; "))
        }
        return settings
    }

    private static func option(_ names: [String], in arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            for name in names {
                if argument == name, index + 1 < arguments.count { return arguments[index + 1] }
                if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
            }
        }
        return nil
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

    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
