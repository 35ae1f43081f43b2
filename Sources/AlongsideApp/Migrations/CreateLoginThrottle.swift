import Fluent
import SQLKit

/// Sign-in throttling as counters instead of a log of attempts: one row per email and address
/// pair, and one per address (its `email` empty), each counting the tries in its current window.
/// A try is counted with a single upsert before its password is checked (`LoginAttempts.claim`),
/// so simultaneous guesses are numbered one after another instead of all reading the same count.
/// Times are seconds since 1970, so both databases can compare them without a date type.
struct CreateLoginThrottle: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("login_throttle")
            .field("email", .string, .required)
            .field("address", .string, .required)
            .field("tries", .int, .required)
            .field("started_at", .double, .required)
            .unique(on: "email", "address")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "login_throttle_by_start").on("login_throttle").column("started_at").run()
        // The log it replaces was read with a count that concurrent attempts could all pass at once.
        try await database.schema("login_attempts").delete()
    }

    func revert(on database: any Database) async throws {
        try await CreateLoginAttempts().prepare(on: database)
        try await database.schema("login_throttle").delete()
    }
}
