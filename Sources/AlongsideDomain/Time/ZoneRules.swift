import Foundation

/// One time zone's offsets from UTC as a table of changes, so turning a stored instant into local
/// time is a binary search and arithmetic: Foundation's time zones go through ICU on Linux, which
/// costs microseconds a call and would be paid for every date on a page. The table is read from
/// Foundation once per zone (`ZoneCatalog`), covering 1900 to 2200, the years a date may fall in.
public final class ZoneRules: Sendable {
    /// An IANA name such as `Pacific/Auckland`.
    public let identifier: String
    /// Seconds since 1970 at which each offset starts; the first entry starts at `Int.min`.
    let starts: [Int]
    /// Seconds east of UTC, one per entry of `starts`.
    let offsets: [Int]

    public init(identifier: String, starts: [Int], offsets: [Int]) {
        precondition(!starts.isEmpty && starts.count == offsets.count)
        self.identifier = identifier
        self.starts = starts
        self.offsets = offsets
    }

    public static let utc = ZoneRules(identifier: "UTC", starts: [Int.min], offsets: [0])

    /// Seconds east of UTC at an instant given as seconds since 1970.
    public func offset(at seconds: Int) -> Int {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= seconds { low = middle } else { high = middle - 1 }
        }
        return offsets[low]
    }

    public func offset(at date: Date) -> Int { offset(at: Self.seconds(date)) }

    /// The calendar date and wall-clock time here at an instant.
    public func civil(_ date: Date) -> CivilTime {
        let seconds = Self.seconds(date)
        return CivilTime(secondsSince1970: seconds + offset(at: seconds))
    }

    /// The instant a wall-clock time names here. Daylight saving makes some wall-clock times
    /// happen never (clocks go forward over them) and some twice (clocks go back over them).
    public enum Reading: Sendable, Equatable {
        case exact(Date)
        /// Clocks went forward from `from` to `to` (wall-clock times on that day): nothing in between happened.
        case skipped(from: CivilTime, to: CivilTime)
        /// Clocks went back from `from` to `to`: every time from `to` up to `from` happened twice.
        case repeated(from: CivilTime, to: CivilTime)
    }

    public func resolve(_ local: CivilTime) -> Reading {
        let wall = local.secondsSince1970
        // Every offset in force within two days of the wall-clock time is a candidate; an instant
        // is real when the candidate it was computed with is the offset in force at that instant.
        let window = 2 * 86_400
        var candidates = Set([offset(at: wall - window), offset(at: wall + window)])
        for (index, start) in starts.enumerated() where start > wall - window && start < wall + window { candidates.insert(offsets[index]) }
        let instants = candidates.map { wall - $0 }.filter { offset(at: $0) == wall - $0 }.sorted()
        if instants.count == 1 { return .exact(Date(timeIntervalSince1970: TimeInterval(instants[0]))) }
        // Nearest change to the wall-clock time: its wall-clock time before and after.
        guard let change = starts.indices.dropFirst().min(by: { abs(starts[$0] - wall) < abs(starts[$1] - wall) }) else {
            return .exact(Date(timeIntervalSince1970: TimeInterval(wall)))
        }
        let before = CivilTime(secondsSince1970: starts[change] + offsets[change - 1])
        let after = CivilTime(secondsSince1970: starts[change] + offsets[change])
        return instants.isEmpty ? .skipped(from: before, to: after) : .repeated(from: before, to: after)
    }

    /// The local calendar day of an instant, as days since 1970-01-01.
    public func dayNumber(_ date: Date) -> Int {
        let seconds = Self.seconds(date) + offset(at: date)
        return seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }

    /// Whole local calendar days from one instant to another: an evening and the next morning are one day apart.
    public func daysBetween(_ start: Date, _ end: Date) -> Int { dayNumber(end) - dayNumber(start) }

    /// The first instant of a local calendar day (days since 1970). Where clocks go forward at
    /// midnight, the day starts at the first wall-clock time that exists.
    public func startOfDay(_ dayNumber: Int) -> Date {
        let wall = dayNumber * 86_400
        switch resolve(CivilTime(secondsSince1970: wall)) {
        case .exact(let date): return date
        case .repeated: return Date(timeIntervalSince1970: TimeInterval(wall - offset(at: wall - 2 * 86_400)))
        case .skipped(_, let to): return Date(timeIntervalSince1970: TimeInterval(to.secondsSince1970 - offset(at: wall + 2 * 86_400)))
        }
    }

    static func seconds(_ date: Date) -> Int { Int(date.timeIntervalSince1970.rounded(.down)) }
}

/// The zone a request reads and writes times in: the person's own, or else their organisation's.
/// A task-local value, set once per request, so every date on a page and every date typed into a
/// form are in the same zone without passing it through every view and parser.
public enum LocalClock {
    @TaskLocal public static var zone: ZoneRules = .utc
}
