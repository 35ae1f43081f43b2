import AlongsideAPI
import AlongsideDomain
import OpenAPIVapor
import Vapor

/// The JSON API's routes: generated from `api/openapi.json`, each given the action the access
/// policy decides for it here. An operation added to the spec without an action here is refused at
/// request time, like any route, and fails the route-by-role test.
enum APIRoutes {
    static let serverPath = "/api/v1"

    static let actions: [String: Action] = [
        "GET api/v1/relationships": .listRelationships,
        "GET api/v1/relationships/:relationshipId": .viewRelationship,
        "POST api/v1/relationships/:relationshipId/moves": .moveStage,
        "GET api/v1/relationships/:relationshipId/conversations": .viewConversation,
        "POST api/v1/relationships/:relationshipId/conversations": .recordConversation,
        "GET api/v1/conversations/:conversationId": .viewConversation,
        "GET api/v1/relationships/:relationshipId/safety-plan": .viewSafetyPlan,
        "GET api/v1/relationships/:relationshipId/towards-plan": .viewTowardsPlan,
        "GET api/v1/relationships/:relationshipId/consents": .viewConsents,
    ]

    static func register(on app: Application) throws {
        let transport = VaporTransport(routesBuilder: app.grouped(APIRequestMiddleware()))
        try APIService().registerHandlers(on: transport, serverURL: URL(string: serverPath)!)
        for route in app.routes.all where route.action == nil {
            if let action = actions[key(route)] { route.performs(action) }
        }
    }

    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) \(route.path.map(\.description).joined(separator: "/"))"
    }

    /// The description the server was generated from, for clients and for schemathesis.
    static func description(_ request: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        return Response(status: .ok, headers: headers, body: .init(data: APIDescription.json))
    }
}
