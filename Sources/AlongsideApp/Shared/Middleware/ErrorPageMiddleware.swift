import Plot
import Vapor

/// Turns every error into a page a person understands, with the real status code and the
/// correlation id. Internal reasons are logged (without query strings), never shown.
struct ErrorPageMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapErrorThrowing { error in render(error, for: request) }
    }

    func render(_ error: any Error, for request: Request) -> Response {
        if request.isAPI {
            let problem = APIProblem.problem(for: error, request: request)
            request.logger.log(
                level: problem.status.code >= 500 ? .error : .notice,
                "\(request.method) \(LogSafe.path(request)) failed with \(problem.status.code)",
                metadata: ["error": .string(Self.describe(error))])
            return problem.response(for: request)
        }
        let page: PageError
        switch error {
        case let pageError as PageError:
            page = pageError
        case let abort as any AbortError:
            page = .generic(for: abort.status)
        default:
            page = .generic(for: .internalServerError)
        }
        let level: Logger.Level = page.status.code >= 500 ? .error : .notice
        request.logger.log(
            level: level, "\(request.method) \(LogSafe.path(request)) failed with \(page.status.code)",
            metadata: ["error": .string(Self.describe(error))])
        let correlationID = request.correlationID
        let home = request.signedIn == nil ? AppURL.frontDoor : AppURL.home
        let response = request.viewer.page(page.title, status: page.status) {
            H1(page.title)
            Paragraph(page.message)
            Paragraph {
                Link("Go to your home page", url: home.path)
            }
            Paragraph {
                Text("If you need help, quote this reference: ")
                Tag.code(correlationID)
            }
            .class("reference")
        }
        if let abort = error as? any AbortError, abort.status == .methodNotAllowed || abort.status.code == 401 {
            // Keep protocol headers that matter (Allow) but nothing else from the error.
            for (name, value) in abort.headers where name.lowercased() == "allow" {
                response.headers.add(name: name, value: value)
            }
        }
        return response
    }

    /// Errors can quote the request (Vapor's decoding errors do); strip query strings from them.
    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.split(separator: "?", maxSplits: 1).first.map(String.init) ?? text
    }
}
