import AlongsideDomain
import Fluent
import Foundation

/// The stored side of sign-in throttling.
enum LoginAttempts {
    static func verdict(
        email: String, address: String, throttle: LoginThrottle, on database: any Database,
        now: Date
    ) async throws -> LoginThrottle.Verdict {
        let since = now.addingTimeInterval(-throttle.window)
        let forAccount = try await LoginAttempt.query(on: database)
            .filter(\.$email == email).filter(\.$attemptedAt > since).sort(\.$attemptedAt).all()
        // A successful sign-in forgives the failures before it.
        let accountFailures = forAccount.reversed().prefix { !$0.succeeded }.map(\.attemptedAt)
        let addressFailures = try await LoginAttempt.query(on: database)
            .filter(\.$address == address).filter(\.$succeeded == false).filter(\.$attemptedAt > since)
            .all().map(\.attemptedAt)
        return throttle.verdict(accountFailures: Array(accountFailures), addressFailures: addressFailures, now: now)
    }

    static func record(email: String, address: String, succeeded: Bool, on database: any Database, now: Date) async throws {
        try await LoginAttempt(email: email, address: address, succeeded: succeeded, attemptedAt: now).create(on: database)
        // Attempts older than a day no longer count for anything.
        try await LoginAttempt.query(on: database).filter(\.$attemptedAt < now.addingTimeInterval(-86_400)).delete()
    }
}
