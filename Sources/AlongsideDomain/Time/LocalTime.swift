import Foundation

/// Dates and times as people type and read them: in the zone of the request (`LocalClock.zone`),
/// stored as UTC instants.
public enum LocalTime {
    /// Reads a date-and-time field (`2026-11-24T09:30`) typed in the local zone. A value that
    /// can't be read adds `unreadable`; a time the clocks skipped or passed twice on a
    /// daylight-saving day adds a message saying which, and what to enter instead.
    public static func read(
        _ raw: String?, field: String, unreadable: String, into errors: inout FieldErrors, zone: ZoneRules = LocalClock.zone
    ) -> Date? {
        guard let typed = raw, let civil = CivilTime.read(typed.trimmingWhitespace()) else {
            errors.add(field, unreadable)
            return nil
        }
        switch zone.resolve(civil) {
        case .exact(let date):
            return date
        case .skipped(let from, let to):
            errors.add(
                field,
                "\(civil.timeText) didn't happen on \(civil.dayText) in \(zone.identifier): the clocks went forward from \(from.timeText) to \(to.timeText). Enter a time before \(from.timeText) or from \(to.timeText)."
            )
            return nil
        case .repeated(let from, let to):
            errors.add(
                field,
                "\(civil.timeText) happened twice on \(civil.dayText) in \(zone.identifier): the clocks went back from \(from.timeText) to \(to.timeText). Enter a time before \(to.timeText) or from \(from.timeText), the nearest you can."
            )
            return nil
        }
    }

    /// An instant as a local wall-clock time.
    public static func civil(_ date: Date, zone: ZoneRules = LocalClock.zone) -> CivilTime { zone.civil(date) }

    /// The value a browser's date-and-time field expects, e.g. `2026-11-24T09:30`, in local time.
    public static func fieldText(_ date: Date, zone: ZoneRules = LocalClock.zone) -> String { zone.civil(date).localDateTimeText }
}
