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
    ///   - handingOver: who is doing it: nobody hands a relationship, and so its notes, to themselves
    public static func parse(
        to raw: String?, reason raw2: String?, current: UUID, workers: [UUID], handingOver: UUID? = nil
    ) -> Result<Handover, FieldErrors> {
        var errors = FieldErrors()
        let to = raw.flatMap { UUID(uuidString: $0) }
        if to == nil || !workers.contains(to!) {
            errors.add("handoverTo", "Choose the peer worker who will carry on.")
        } else if to == current {
            errors.add("handoverTo", "The relationship is already with this peer worker.")
        } else if to == handingOver {
            errors.add(
                "handoverTo", "You can't hand a relationship to yourself. Ask another coordinator to do it if it should come to you.")
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

/// When a peer worker leaves: every relationship of theirs passes on at once, each to the
/// colleague a coordinator chooses for it, with one reason the peers can read.
public enum BulkHandover {
    /// The form field that holds the choice for one relationship.
    public static func field(_ relationshipID: UUID) -> String { "to-\(relationshipID.uuidString.lowercased())" }

    /// - Parameters:
    ///   - choices: for each of the leaving worker's relationships, the chosen worker's id as sent
    ///   - from: the worker who is leaving
    ///   - workers: the peer workers relationships can go to
    public static func parse(choices: [UUID: String?], reason: String?, from: UUID, workers: [UUID], handingOver: UUID? = nil) -> Result<
        [UUID: Handover], FieldErrors
    > {
        var errors = FieldErrors()
        var handovers: [UUID: Handover] = [:]
        if choices.isEmpty { errors.add("handoverReason", "There are no relationships to hand over.") }
        for (relationshipID, choice) in choices {
            switch Handover.parse(to: choice, reason: reason, current: from, workers: workers, handingOver: handingOver) {
            case .success(let handover):
                handovers[relationshipID] = handover
            case .failure(let problems):
                if let message = problems["handoverTo"] { errors.add(field(relationshipID), message) }
                if let message = problems["handoverReason"] { errors.add("handoverReason", message) }
            }
        }
        return errors.isEmpty ? .success(handovers) : .failure(errors)
    }
}
