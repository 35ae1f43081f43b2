import Foundation

/// The next conversation, planned together: when, how long, how, and where.
public struct PlannedConversationDraft: Sendable, Equatable {
    public let startsAt: Date
    public let minutes: Int
    public let mode: ConversationMode
    public let place: String

    public static let horizon: TimeInterval = 366 * 86_400

    public init(startsAt: Date, minutes: Int, mode: ConversationMode, place: String) {
        self.startsAt = startsAt
        self.minutes = minutes
        self.mode = mode
        self.place = place
    }

    public static func parse(when: String?, minutes: String?, mode: String?, place: String?, now: Date) -> Result<Self, FieldErrors> {
        var errors = FieldErrors()
        let startsAt = LocalTime.read(when, field: "plannedFor", unreadable: "Enter the date and time you plan to meet.", into: &errors)
        if let startsAt, startsAt < now {
            errors.add("plannedFor", "That's already passed. Choose a time that's still to come.")
        } else if let startsAt, startsAt > now.addingTimeInterval(horizon) {
            errors.add("plannedFor", "That's more than a year away. Plan something nearer, and plan again after it.")
        }
        let length = minutes.flatMap { Int($0.trimmingWhitespace()) }
        if let length, !(1...ConversationDraft.maxMinutes).contains(length) {
            errors.add("plannedMinutes", "Plan between 1 minute and 12 hours.")
        } else if length == nil {
            errors.add("plannedMinutes", "Enter roughly how long, in minutes.")
        }
        let how = mode.flatMap(ConversationMode.init(rawValue:))
        if how == nil { errors.add("plannedMode", "Choose how you'll talk.") }
        let placeText = (place ?? "").trimmingWhitespace()
        if placeText.count > ConversationDraft.placeLimit {
            errors.add("plannedPlace", "Keep this to \(ConversationDraft.placeLimit) characters or fewer (it has \(placeText.count)).")
        }
        guard errors.isEmpty, let startsAt, let length, let how else { return .failure(errors) }
        return .success(PlannedConversationDraft(startsAt: startsAt, minutes: length, mode: how, place: placeText))
    }
}
