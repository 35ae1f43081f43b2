import Foundation

/// Gentle reminders on a caseload: not alarms, just what a peer worker might want to notice.
public enum GentleFlag: Sendable, Equatable {
    /// No conversation noted for a while in a relationship that hasn't ended.
    case quiet(days: Int)
    /// The relationship is stepping out: an ending to plan together.
    case steppingOut

    public var text: String {
        switch self {
        case .quiet(let days): "No conversation noted for \(days) days"
        case .steppingOut: "Stepping out: plan the ending together"
        }
    }

    /// How long without a noted conversation before a relationship is flagged as quiet, unless
    /// the organisation chooses otherwise.
    public static let defaultQuietDays = 21
    public static let quietDaysRange = 3...365

    public static func parseQuietDays(_ raw: String?) -> Result<Int, FieldErrors> {
        guard let days = raw.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
            return .failure(FieldErrors(field: "quietDays", "Enter a number of days, for example 21."))
        }
        guard quietDaysRange.contains(days) else {
            return .failure(
                FieldErrors(field: "quietDays", "Choose between \(quietDaysRange.lowerBound) and \(quietDaysRange.upperBound) days."))
        }
        return .success(days)
    }

    public static func flags(stage: Stage, lastContact: Date?, began: Date, now: Date, quietDays: Int = defaultQuietDays) -> [GentleFlag] {
        guard stage != .ended else { return [] }
        var flags: [GentleFlag] = []
        // Local calendar days: a note last evening is one day ago this morning, across clock changes.
        let days = LocalClock.zone.daysBetween(lastContact ?? began, now)
        if days >= quietDays { flags.append(.quiet(days: days)) }
        if stage == .steppingOut { flags.append(.steppingOut) }
        return flags
    }
}
