import Foundation

/// A calendar date and wall-clock time, by arithmetic alone: in UTC, or in a zone through `ZoneRules`. Foundation's formatters and
/// calendars go through ICU on Linux and cost tens of microseconds a call, which is most of the
/// time it takes to draw a page listing hundreds of conversations.
public struct CivilTime: Sendable, Equatable {
    public let year: Int
    public let month: Int
    public let day: Int
    public let hour: Int
    public let minute: Int
    public let second: Int
    /// 0 is Sunday.
    public let weekday: Int

    /// The UTC date and time of an instant.
    public init(_ date: Date) { self.init(secondsSince1970: Int(date.timeIntervalSince1970.rounded(.down))) }

    /// The date and time `seconds` after 1970-01-01T00:00 on the same wall clock.
    public init(secondsSince1970 seconds: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let inDay = seconds - days * 86_400
        // Days to civil date, after Howard Hinnant's `civil_from_days`.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = inDay / 3_600
        minute = (inDay % 3_600) / 60
        second = inDay % 60
        weekday = ((days % 7) + 11) % 7
    }

    /// Years a date someone enters may fall in: a relationship, a plan or a conversation.
    public static let sensibleYears = 1900...2200

    /// Seconds from 1970-01-01T00:00 to this date and time on the same wall clock.
    public var secondsSince1970: Int {
        Self.daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
    }

    /// `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` read as UTC.
    public static func parse(_ text: String) -> Date? {
        read(text).map { Date(timeIntervalSince1970: TimeInterval($0.secondsSince1970)) }
    }

    /// `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` (a space may stand for the `T`), with every
    /// part in range and the day real for its month, by arithmetic: a wall-clock time, in no zone yet.
    public static func read(_ text: String) -> CivilTime? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16 || bytes.count == 19 else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            bytes[13] == UInt8(ascii: ":"), bytes.count == 16 || bytes[16] == UInt8(ascii: ":"),
            let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10), let hour = digits(11..<13),
            let minute = digits(14..<16), let second = bytes.count == 19 ? digits(17..<19) : 0
        else { return nil }
        guard sensibleYears.contains(year), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        return CivilTime(secondsSince1970: daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Howard Hinnant's `days_from_civil`: days since 1970-01-01.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
    public static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    public var monthName: String { Self.monthNames[month - 1] }
    public var weekdayName: String { Self.weekdayNames[weekday] }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
    static func four(_ value: Int) -> String { String(repeating: "0", count: max(0, 4 - String(value).count)) + String(value) }

    /// `2026-11-24T09:30`, as a browser's date-and-time field shows it.
    public var localDateTimeText: String {
        "\(Self.four(year))-\(Self.two(month))-\(Self.two(day))T\(Self.two(hour)):\(Self.two(minute))"
    }

    /// `2026-11-24`
    public var dateText: String { "\(Self.four(year))-\(Self.two(month))-\(Self.two(day))" }

    /// `20261124T093000Z`, as iCalendar writes a UTC time.
    public var iCalendarText: String {
        "\(Self.four(year))\(Self.two(month))\(Self.two(day))T\(Self.two(hour))\(Self.two(minute))\(Self.two(second))Z"
    }

    /// `24 November 2026 at 09:30`
    public var longText: String { "\(day) \(monthName) \(year) at \(timeText)" }

    /// `09:30`
    public var timeText: String { "\(Self.two(hour)):\(Self.two(minute))" }

    /// `Tuesday 24 November 2026`
    public var dayText: String { "\(weekdayName) \(day) \(monthName) \(year)" }
    /// "1 June 2027", for a date in a sentence where the weekday is noise.
    public var plainDayText: String { "\(day) \(monthName) \(year)" }
}
