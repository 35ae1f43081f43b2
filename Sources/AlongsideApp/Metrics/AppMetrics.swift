import Fluent
import Metrics
import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// Prometheus metrics over swift-metrics, switched on by `ALONGSIDE_METRICS_TOKEN`. Vapor reports
/// each request by its route's pattern (an unknown path counts as one "vapor_route_undefined"
/// series, so probing addresses can't grow the metrics); Alongside adds what is in flight, audit
/// append times, live sessions, and the database pool's limit. Without a token nothing is recorded.
enum AppMetrics {
    /// One per process: swift-metrics has one global backend.
    static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
        ]
        MetricsSystem.bootstrap(factory)
    }()

    static func start(_ app: Application) {
        _ = bootstrapped
        app.middleware.use(InFlightMiddleware(), at: .beginning)
    }

    static let inFlight = NIOLockedValueBox(0)

    private static func gauge(_ name: String, _ unit: String, _ help: String) -> Prometheus.Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "alongside", metricName: name, unitName: unit, helpText: help))
    }

    static func scrape(_ request: Request) async throws -> Response {
        guard let expected = request.application.settings.metricsToken else { throw Abort(.notFound) }
        guard let sent = request.headers.bearerAuthorization?.token, SecretToken.matches(sent, expected) else {
            var headers = HTTPHeaders()
            headers.add(name: .wwwAuthenticate, value: "Bearer")
            return Response(status: .unauthorized, headers: headers)
        }
        let idle = request.application.settings.sessions.lifetime.idle
        let live = try await StoredSession.query(on: request.db).filter(\.$lastSeenAt > request.now.addingTimeInterval(-idle)).count()
        gauge("sessions", "active", "Sessions used within the idle limit").set(Double(live))
        gauge("http_requests", "in_flight", "Requests being answered now").set(Double(inFlight.withLockedValue { $0 }))
        gauge("database_connections", "limit", "Most database connections the pool opens")
            .set(Double(request.application.databaseConnectionLimit))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: registry.emitToString()))
    }
}

/// Counts requests being answered, for `alongside_http_requests_in_flight`.
private struct InFlightMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        AppMetrics.inFlight.withLockedValue { $0 += 1 }
        defer { AppMetrics.inFlight.withLockedValue { $0 -= 1 } }
        return try await next.respond(to: request)
    }
}

extension Application {
    /// Connections per event loop, as `configureDatabase` sets them, times the event loops.
    var databaseConnectionLimit: Int {
        let loops = eventLoopGroup.makeIterator().reduce(0) { count, _ in count + 1 }
        switch settings.database {
        case .sqliteFile: return loops
        case .postgres: return loops * Self.postgresConnectionsPerEventLoop
        }
    }

    static let postgresConnectionsPerEventLoop = 4
}
