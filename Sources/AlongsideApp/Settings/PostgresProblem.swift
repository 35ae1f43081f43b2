import Foundation

/// Why PostgreSQL can't be used, in words an operator can act on. The driver's errors describe
/// themselves generically on purpose; their full reflection has the cause, and never the password.
enum PostgresProblem {
    static func describe(_ error: any Error, url: String) -> String {
        let components = URLComponents(string: url)
        let place = "\(components?.host ?? "?"):\(components?.port ?? 5432)"
        let database = components?.path.trimmingCharacters(in: CharacterSet(charactersIn: "/")) ?? ""
        let detail = String(reflecting: error)
        let reason: String
        if detail.contains("Connection refused") {
            reason = "nothing is listening there (connection refused). Is PostgreSQL running, and on that port?"
        } else if detail.contains("password authentication failed") || detail.contains("authentication") {
            reason = "it refused the user name or password in DATABASE_URL."
        } else if detail.contains("does not exist") {
            reason = "the database \"\(database)\" or the user doesn't exist there."
        } else if detail.contains("timed out") || detail.contains("timeout") {
            reason = "it didn't answer in time. Is the host right, and reachable from here?"
        } else if detail.contains("SSL") || detail.contains("TLS") || detail.contains("ssl") {
            reason = "the TLS connection failed (see sslmode in DATABASE_URL)."
        } else {
            reason = "it answered: \(String(detail.prefix(300)))"
        }
        return "Alongside can't start: PostgreSQL at \(place) (DATABASE_URL) can't be used: \(reason)"
    }
}
