import Foundation
import Testing
import Vapor

@testable import AlongsideApp

/// A server that can't start says why, in words, and never a password.
@Suite struct StartUpTests {
    @Test func anUnreachablePostgresIsNamedWithTheRealCauseAndWithoutThePassword() async throws {
        var settings = Settings(database: .postgres(url: "postgres://alongside:s3cret-word@127.0.0.1:1/alongside?sslmode=disable"))
        settings.key = .inMemory(TestDatabase.key)
        settings.dataKeyRefreshSeconds = 0
        let app = try await Application.make(.testing)
        do {
            try await configure(app, settings: settings)
            Issue.record("a server started without its database")
        } catch let problem as Settings.Problem {
            #expect(problem.description.contains("PostgreSQL at 127.0.0.1:1 (DATABASE_URL)"))
            #expect(problem.description.contains("connection refused"))
            #expect(!problem.description.contains("s3cret-word"))
            #expect(!problem.description.contains("Generic description"))
        }
        try await app.asyncShutdown()
    }
}
