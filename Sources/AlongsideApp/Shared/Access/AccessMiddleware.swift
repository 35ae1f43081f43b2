import AlongsideDomain
import Vapor

/// Runs the access policy for the action each route declares, before the handler runs.
/// A route that declares no action is refused: the default is deny.
struct AccessMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let route = request.route else {
            // No such route: let the router answer 404.
            return try await next.respond(to: request)
        }
        guard let action = route.action else {
            request.logger.error("Route has no declared action; refusing", metadata: ["route": "\(route.description)"])
            throw PageError.forbidden("This page isn't available.")
        }
        var resource = Resource.site
        if let actor = request.principal.actor {
            resource = Resource(kind: .site, organisationID: actor.organisationID)
        }
        let decision = AccessPolicy.decide(request.principal, action, resource)
        if decision.isAllowed {
            return try await next.respond(to: request)
        }
        if request.principal == .anonymous {
            return request.redirect(to: AppURL.signIn(next: request.url.path).path, redirectType: .normal)
        }
        try await request.audit.record(
            request, action: action.rawValue, target: "route",
            targetID: route.description, outcome: .denied, detail: decision.reason)
        throw PageError.forbidden(decision.reason)
    }
}
