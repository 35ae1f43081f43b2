import AlongsideDomain
import Vapor

/// A peer worker's relationships, where each stands, filterable by stage.
enum CaseloadController {
    static func show(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let viewer = request.viewer
        let (stage, order) = choices(viewer)
        let rows = try await CaseloadQueries.caseload(
            of: actor.accountID, in: actor.organisationID, stage: stage, sortedBy: order, now: request.now, on: request.readDB)
        return CaseloadView.render(
            viewer, rows: rows, stage: stage, order: order, scope: .mine, quietDays: try await quietDays(actor, request))
    }

    /// Every relationship in the service, for coordinators: where each stands, never what was written.
    static func service(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let viewer = request.viewer
        let db = request.readDB
        let (stage, order) = choices(viewer)
        let page = CaseloadQueries.Page(number: max(1, min((try? request.query.get(Int.self, at: "page")) ?? 1, 100_000)))
        var rows = try await CaseloadQueries.caseload(
            of: nil, in: actor.organisationID, stage: stage, sortedBy: order, page: page, now: request.now, on: db)
        let hasMore = rows.count > page.size
        rows = Array(rows.prefix(page.size))
        let leaving = try await CaseloadQueries.workersWithOpenRelationships(in: actor.organisationID, on: db)
        let handedOver = (try? request.query.get(Int.self, at: "handedOver")).map {
            "\($0) relationship\($0 == 1 ? " was" : "s were") handed over, each with its whole history."
        }
        let erased: String? =
            switch try? request.query.get(String.self, at: "erased") {
            case "erase": "Erased. Nothing of their record is left; the audit trail says it was done, not what it held."
            case "anonymise": "Erased within the retention period: what identified them and every word is gone; dates and stages stay."
            default: nil
            }
        return CaseloadView.render(
            viewer, rows: rows, stage: stage, order: order, scope: .service, quietDays: try await quietDays(actor, request),
            notice: handedOver ?? erased,
            service: .init(
                page: page.number, hasMore: hasMore, leaving: leaving,
                counts: try await ConcernQueries.counts(in: actor.organisationID, on: db)))
    }

    /// The stage to show and the order to show it in, from the address; anything unknown is ignored.
    static func choices(_ viewer: Viewer) -> (Stage?, CaseloadQueries.Order) {
        (
            viewer.query("stage").flatMap(Stage.init(rawValue:)),
            viewer.query("sort").flatMap(CaseloadQueries.Order.init(rawValue:)) ?? .recent
        )
    }

    /// The organisation's own setting for when a relationship counts as quiet.
    static func quietDays(_ actor: Actor, _ request: Request) async throws -> Int {
        request.signedIn?.quietDays ?? GentleFlag.defaultQuietDays
    }
}
