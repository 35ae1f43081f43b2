import AlongsideDomain
import Fluent
import Vapor

extension PeerPlansSection.Summary {
    /// What the section shows, read before the page is drawn; nil for someone who may not see it.
    static func load(
        _ request: Request, relationship: Relationship, peer: Peer, ended: Bool, workerName: String
    ) async throws -> Self? {
        guard request.may(.viewTowardsPlan, relationship.peerResource(.plans, peer: peer, ended: ended)) else { return nil }
        let db = request.readDB
        return Self(
            safetyPlan: try await SafetyPlanStore.plan(for: peer, on: db),
            hasTowardsPlan: try await TowardsPlanStore.plan(for: relationship, on: db) != nil,
            trend: try await CheckInQueries.trend(of: relationship, on: db),
            concerns: try await ConcernQueries.concerns(of: relationship, on: db), workerName: workerName)
    }
}
