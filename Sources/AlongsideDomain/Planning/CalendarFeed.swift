import Foundation

/// A worker's planned conversations as an iCalendar (RFC 5545) feed for their phone's calendar.
/// A phone's calendar is seen by others and synced to other companies' servers, so an event
/// carries the peer's initials and the place, never a name or anything written about them.
public enum CalendarFeed {
    public struct Event: Sendable, Equatable {
        public let id: UUID
        public let startsAt: Date
        public let minutes: Int
        public let peerInitials: String
        public let place: String
        public let cancelled: Bool

        public init(id: UUID, startsAt: Date, minutes: Int, peerInitials: String, place: String, cancelled: Bool = false) {
            self.id = id
            self.startsAt = startsAt
            self.minutes = minutes
            self.peerInitials = peerInitials
            self.place = place
            self.cancelled = cancelled
        }
    }

    public static func render(_ events: [Event], now: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Alongside//Planned conversations//EN", "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:Alongside conversations",
        ]
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:\(event.id.uuidString.lowercased())@alongside",
                "DTSTAMP:\(stamp(now))",
                "DTSTART:\(stamp(event.startsAt))",
                "DTEND:\(stamp(event.startsAt.addingTimeInterval(Double(event.minutes) * 60)))",
                "SUMMARY:" + escape("Conversation with \(event.peerInitials)"),
            ]
            if !event.place.isEmpty { lines.append("LOCATION:" + escape(event.place)) }
            lines.append("STATUS:" + (event.cancelled ? "CANCELLED" : "CONFIRMED"))
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// UTC date-time, e.g. 20261124T093000Z.
    static func stamp(_ date: Date) -> String { CivilTime(date).iCalendarText }

    /// TEXT values escape backslash, semicolon, comma and newlines.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\n", "\r\n", "\r": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Lines longer than 75 octets are folded: a line break followed by a space, never inside a
    /// multi-byte character.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var result = ""
        var count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                result += "\r\n "
                count = 1
            }
            result.append(character)
            count += size
        }
        return result
    }
}
