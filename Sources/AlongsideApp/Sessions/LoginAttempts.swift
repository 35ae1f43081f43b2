import AlongsideDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// The stored side of sign-in throttling: a counter per email and address pair, and one per
/// address (`email` empty), in `login_throttle`. The rules are `LoginThrottle`'s.
///
/// Every statement here runs on its own, outside any transaction: nothing holds a pooled
/// connection or a row lock while a password is checked. Apart from clearing out ended windows,
/// each statement touches one row, so two sign-ins never hold rows the other is waiting for.
enum LoginAttempts {
    /// A try that has been counted, and whether it may go ahead.
    struct Claim: Sendable {
        let email: String
        let address: String
        let verdict: LoginThrottle.Verdict
        /// The address counter's window as stored, to uncount this try from that window only.
        let addressStartedAt: Double
    }

    /// Counts this try for its pair and for its address, and decides from the counts whether it may
    /// go ahead, before any password is checked. Each counter is raised and read back in one
    /// statement, so simultaneous tries get the numbers 1, 2, 3, … instead of all reading the same
    /// count and all being checked. A try that must wait is uncounted before this returns: only
    /// tries whose password is checked are counted.
    static func claim(
        email: String, address: String, throttle: LoginThrottle, on database: any Database, now: Date
    ) async throws -> Claim {
        let sql = database as! any SQLDatabase
        let at = now.timeIntervalSince1970
        let ended = throttle.windowsEnded(by: now).timeIntervalSince1970
        let pair = try await count(email: email, address: address, at: at, windowsEnded: ended, on: sql)
        let byAddress = try await count(email: "", address: address, at: at, windowsEnded: ended, on: sql)
        // `now` goes through seconds-since-1970 exactly as the stored start times do: a `Date` made
        // back from those seconds can land a hair after the original, which read as a try "too soon".
        let verdict = throttle.verdict(
            pair: LoginThrottle.Count(tries: pair.tries, since: Date(timeIntervalSince1970: pair.startedAt)),
            address: LoginThrottle.Count(tries: byAddress.tries, since: Date(timeIntervalSince1970: byAddress.startedAt)),
            now: Date(timeIntervalSince1970: at))
        if case .wait = verdict {
            try await uncount(email: email, address: address, startedAt: pair.startedAt, on: sql)
            try await uncount(email: "", address: address, startedAt: byAddress.startedAt, on: sql)
        }
        return Claim(email: email, address: address, verdict: verdict, addressStartedAt: byAddress.startedAt)
    }

    /// The password matched: its pair starts afresh, and the try no longer counts against its address.
    static func succeeded(_ claim: Claim, throttle: LoginThrottle, on database: any Database, now: Date) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DELETE FROM login_throttle WHERE email = \(bind: claim.email) AND address = \(bind: claim.address)").run()
        try await uncount(email: "", address: claim.address, startedAt: claim.addressStartedAt, on: sql)
        // Counters whose window has ended count for nothing: clear them out now and then.
        try await sql.raw("DELETE FROM login_throttle WHERE started_at <= \(bind: throttle.windowsEnded(by: now).timeIntervalSince1970)")
            .run()
    }

    /// Raises one counter by one, or starts it afresh when its window has ended, and returns it.
    private static func count(
        email: String, address: String, at: Double, windowsEnded ended: Double, on sql: any SQLDatabase
    ) async throws -> (tries: Int, startedAt: Double) {
        guard
            let row = try await sql.raw(
                """
                INSERT INTO login_throttle (email, address, tries, started_at)
                VALUES (\(bind: email), \(bind: address), 1, \(bind: at))
                ON CONFLICT (email, address) DO UPDATE SET
                    tries = CASE WHEN login_throttle.started_at <= \(bind: ended) THEN 1 ELSE login_throttle.tries + 1 END,
                    started_at = CASE WHEN login_throttle.started_at <= \(bind: ended) THEN \(bind: at) ELSE login_throttle.started_at END
                RETURNING tries, started_at
                """
            ).first()
        else { throw Abort(.internalServerError, reason: "the sign-in counter was not returned") }
        return try (row.decode(column: "tries", as: Int.self), row.decode(column: "started_at", as: Double.self))
    }

    /// Takes back one count, in the window it was made in (a window begun since is left alone).
    private static func uncount(email: String, address: String, startedAt: Double, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            UPDATE login_throttle SET tries = tries - 1
            WHERE email = \(bind: email) AND address = \(bind: address) AND started_at = \(bind: startedAt) AND tries > 0
            """
        ).run()
    }
}
