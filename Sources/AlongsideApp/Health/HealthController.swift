import Fluent
import SQLKit
import Vapor

/// Probes for process managers and load balancers.
enum HealthController {
    static func healthz(_ request: Request) async throws -> Response {
        plain("ok")
    }

    static func readyz(_ request: Request) async throws -> Response {
        do {
            _ = try await (request.db as! any SQLDatabase).raw("SELECT 1 AS ready").first()
            return plain("ready")
        } catch {
            request.logger.error("Database is not reachable", metadata: ["error": .string(String(describing: type(of: error)))])
            return plain("database unreachable", status: .serviceUnavailable)
        }
    }

    private static func plain(_ text: String, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .plainText
        return Response(status: status, headers: headers, body: .init(string: text + "\n"))
    }
}
