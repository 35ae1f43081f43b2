import Foundation
import Testing
import Vapor

@testable import AlongsideApp

@Suite(.serialized) struct MetricsTests {
    static let token = "scraper-secret-of-thirty-two-or-more-characters"

    @Test func withoutATokenSettingThereAreNoMetrics() async throws {
        try await withTestApp { context in
            let page = try await context.client().get("/metrics")
            #expect(page.status == .notFound)
        }
    }

    @Test func theScraperSendsTheTokenAndReadsRequestsByRoutePatternAuditTimesAndSessions() async throws {
        try await withTestApp(configureSettings: { $0.metricsToken = Self.token }) { context in
            try await context.seedDemo()
            let scraper = context.client()
            #expect(try await scraper.get("/metrics").status == .unauthorized)
            scraper.bearer = "not the token"
            #expect(try await scraper.get("/metrics").status == .unauthorized)
            scraper.bearer = Self.token

            let web = try await context.signedInClient("admin@demo.alongside.test")
            try await web.get("/admin/accounts")
            let metrics = try await scraper.get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers.first(name: .contentType)?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(metrics.contains(#"http_requests_total{method="GET",path="/admin/accounts",status="200"}"#))
            #expect(metrics.contains("http_request_duration_seconds_bucket"))
            #expect(metrics.contains("alongside_audit_append_duration_seconds_count"))
            #expect(metrics.contains("alongside_sessions_active 1"))
            #expect(metrics.contains("alongside_database_connections_limit"))
            // Never who: no account, email or name in any series.
            #expect(!metrics.contains("demo.alongside.test"))
        }
    }

    @Test func unknownAddressesDontGrowTheMetrics() async throws {
        try await withTestApp(configureSettings: { $0.metricsToken = Self.token }) { context in
            let client = context.client()
            client.bearer = Self.token
            // The registry is the process's: other suites add their own series meanwhile, so only
            // the lines about unknown addresses are counted.
            func unknownSeries() async throws -> [Substring] {
                try await client.get("/metrics").body.split(separator: "\n").filter {
                    $0.contains("vapor_route_undefined") || $0.contains("no/such")
                }
            }
            try await client.get("/no/such/page")
            let before = try await unknownSeries()
            for index in 0..<1_000 { try await client.get("/no/such/page/\(index)?q=\(index)") }
            let after = try await unknownSeries()
            #expect(after.count == before.count)
            #expect(!after.isEmpty)
            #expect(!after.contains { $0.contains("no/such") })
        }
    }
}
