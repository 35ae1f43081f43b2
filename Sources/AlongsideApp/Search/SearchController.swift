import AlongsideDomain
import Vapor

/// The search in every page's header: a peer by name, in one's own caseload or (coordinators)
/// across the service.
enum SearchController {
    static func show(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let typed = String(((try? request.query.get(String.self, at: "q")) ?? "").prefix(SearchKey.queryLimit * 4 + 1_000))
        switch SearchKey.query(typed) {
        case .failure(let errors):
            return SearchView.render(
                request.viewer, typed: typed, results: nil, wholeService: false, errors: errors, status: .unprocessableEntity)
        case .success(nil):
            return SearchView.render(
                request.viewer, typed: typed, results: nil, wholeService: actor.holds(.coordinator), errors: FieldErrors())
        case .success(let folded?):
            let wholeService = actor.holds(.coordinator)
            let found = try await SearchQueries.peers(
                matching: folded, workerID: wholeService ? nil : actor.accountID, in: actor.organisationID, on: request.db)
            try await request.audit.record(
                request, action: Action.searchPeers.rawValue, target: "peers", targetID: nil, outcome: .success,
                detail: "\(min(found.count, SearchQueries.limit)) found")
            return SearchView.render(request.viewer, typed: typed, results: found, wholeService: wholeService, errors: FieldErrors())
        }
    }
}
