import AlongsideDomain
import Foundation

/// Dates as people read them, in one format everywhere, in the request's local time
/// (`LocalClock.zone`: the person's own zone, or else their organisation's).
enum DateText {
    /// "24 November 2026 at 09:30"
    static func long(_ date: Date) -> String { LocalClock.zone.civil(date).longText }

    /// Just the day, as a peer would say it: "Tuesday 24 November 2026".
    static func day(_ date: Date) -> String { LocalClock.zone.civil(date).dayText }

    /// A plan's calendar day ("talk again on", "by when"), which is the same day in every zone.
    static func calendarDay(_ day: Date) -> String { CivilTime(day).dayText }

    /// Under every date-and-time field, so nobody has to wonder which clock it means.
    static var fieldHint: String { "Date and time, on \(LocalClock.zone.identifier) time." }

    /// "09:30"
    static func time(_ date: Date) -> String { LocalClock.zone.civil(date).timeText }
}

/// The value a browser's date-and-time field expects, e.g. `2026-11-24T09:30`, in local time.
enum LocalDateTime {
    static func text(_ date: Date) -> String { LocalTime.fieldText(date) }
}

/// How long something has lasted, in local calendar days.
enum DurationText {
    static func since(_ start: Date, now: Date) -> String {
        let days = max(0, LocalClock.zone.daysBetween(start, now))
        switch days {
        case 0: return "less than a day"
        case 1: return "1 day"
        case 2..<14: return "\(days) days"
        case 14..<61: return "\(days / 7) weeks"
        default: return "\(days / 30) months"
        }
    }
}
