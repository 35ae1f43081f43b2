import AlongsideDomain
import Fluent
import Vapor

extension PeerPlansSection.Summary {
    /// What the section shows, read before the page is drawn; nil for someone who may not see it.
    static func load(
        _ request: Request, relationship: Relationship, peer: Peer, ended: Bool, workerName: String
    ) async throws -> Self? {
        guard request.may(.viewTowardsPlan, relationship.peerResource(.plans, peer: peer, ended: ended)) else { return nil }
        return Self(
            safetyPlan: try await SafetyPlanStore.plan(for: peer, on: request.readDB),
            hasTowardsPlan: try await TowardsPlanStore.plan(for: relationship, on: request.readDB) != nil,
            trend: try await CheckInQueries.trend(of: relationship, on: request.readDB),
            concerns: try await ConcernQueries.concerns(of: relationship, on: request.readDB), workerName: workerName)
    }
}
