import Foundation

/// Handing a relationship to another peer worker: the history stays with the relationship, and
/// the reason is said out loud.
public struct Handover: Sendable, Equatable {
    public static let reasonLimit = 500

    public let to: UUID
    public let reason: String

    /// - Parameters:
    ///   - current: the worker the relationship is with now
    ///   - workers: the peer workers it can go to
    public static func parse(to raw: String?, reason raw2: String?, current: UUID, workers: [UUID]) -> Result<Handover, FieldErrors> {
        var errors = FieldErrors()
        let to = raw.flatMap { UUID(uuidString: $0) }
        if to == nil || !workers.contains(to!) {
            errors.add("handoverTo", "Choose the peer worker who will carry on.")
        } else if to == current {
            errors.add("handoverTo", "The relationship is already with this peer worker.")
        }
        let reason = (raw2 ?? "").trimmingWhitespace()
        if reason.isEmpty {
            errors.add("handoverReason", "Say why it is being handed over; the peer will be able to read this.")
        } else if reason.count > reasonLimit {
            errors.add("handoverReason", "Keep this to \(reasonLimit) characters or fewer (it has \(reason.count)).")
        }
        guard errors.isEmpty, let to else { return .failure(errors) }
        return .success(Handover(to: to, reason: reason))
    }
}
