import AlongsideDomain
import Vapor

/// Runs the access policy for the action each route declares, before the handler runs.
/// A route that declares no action is refused: the default is deny.
struct AccessMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let route = request.route else {
            // No such route: let the router answer 404.
            return next.respond(to: request)
        }
        guard let action = route.action else {
            request.logger.error("Route has no declared action; refusing", metadata: ["route": "\(route.description)"])
            return request.eventLoop.makeFailedFuture(PageError.forbidden("This page isn't available."))
        }
        let resource = Resource(kind: .site, organisationID: request.principal.actor?.organisationID)
        let decision = AccessPolicy.decide(request.principal, action, resource)
        if decision.isAllowed {
            if request.method == .POST, !request.isAPI, request.cookies[FormHolding.cookieName] != nil {
                return next.respond(to: request).flatMap { response in
                    request.eventLoop.makeFutureWithTask { try await FormHolding.release(after: response, request: request) }
                }
            }
            return next.respond(to: request)
        }
        if request.principal.actor?.mustSetUpSecondFactor == true, request.method == .GET {
            return request.eventLoop.makeSucceededFuture(request.redirect(to: AppURL.secondFactor.path, redirectType: .normal))
        }
        if request.principal == .anonymous, request.isAPI {
            return request.eventLoop.makeFailedFuture(
                APIProblem.unauthorized("Send a personal access token: Authorization: Bearer <token>."))
        }
        if request.principal == .anonymous {
            if request.method == .POST {
                // A form sent after the session ended: keep what was typed for its writer.
                let maxBodySize = request.application.settings.security.maxBodySize
                return request.eventLoop.makeFutureWithTask { try await FormHolding.hold(request, maxBodySize: maxBodySize) }
            }
            return request.eventLoop.makeSucceededFuture(
                request.redirect(to: AppURL.signIn(next: request.url.path).path, redirectType: .normal))
        }
        return request.eventLoop.makeFutureWithTask {
            try await request.audit.record(
                request, action: action.rawValue, target: "route", targetID: route.description, outcome: .denied,
                detail: decision.reason)
            throw PageError.forbidden(decision.reason)
        }
    }
}
