import AlongsideDomain
import Foundation
import Testing

@Suite struct PlanningTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test func aPlanIsForATimeStillToComeAndWithinAYear() {
        func problem(_ when: TimeInterval, minutes: String = "60", mode: String = "in_person") -> String? {
            let text = LocalText.of(now.addingTimeInterval(when))
            if case .failure(let errors) = PlannedConversationDraft.parse(when: text, minutes: minutes, mode: mode, place: "", now: now) {
                return errors.messages.values.sorted().joined(separator: " ")
            }
            return nil
        }
        #expect(problem(86_400) == nil)
        #expect(problem(-3_600)?.contains("already passed") == true)
        #expect(problem(400 * 86_400)?.contains("more than a year away") == true)
        #expect(problem(86_400, minutes: "0")?.contains("between 1 minute and 12 hours") == true)
        #expect(problem(86_400, mode: "carrier pigeon")?.contains("Choose how you'll talk.") == true)
    }

    @Test func theFeedShowsInitialsAndPlaceAndEscapesWhatItMust() throws {
        let event = CalendarFeed.Event(
            id: UUID(), startsAt: now, minutes: 45, peerInitials: "J. R.", place: "Library café; level 2, by the window")
        let feed = CalendarFeed.render([event], now: now)
        #expect(feed.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(feed.hasSuffix("END:VCALENDAR\r\n"))
        #expect(feed.contains("SUMMARY:Conversation with J. R.\r\n"))
        #expect(feed.contains("LOCATION:Library café\\; level 2\\, by the window\r\n"))
        #expect(feed.contains("DTEND:"))
        for line in feed.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "every line is folded to 75 octets: \(line)")
        }
    }

    @Test func longLinesFoldWithoutSplittingACharacter() {
        let place = String(repeating: "é", count: 80)
        let feed = CalendarFeed.render(
            [CalendarFeed.Event(id: UUID(), startsAt: now, minutes: 30, peerInitials: "A.", place: place)], now: now)
        let unfolded = feed.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("LOCATION:" + place))
    }

    @Test func initialsNeverCarryAWholeName() {
        #expect(Initials.of("Jordan Reyes") == "J. R.")
        #expect(Initials.of("aroha") == "A.")
        #expect(Initials.of("Mary-Jo Smith") == "M. J. S.")
        #expect(Initials.of("  ") == "?")
    }
}

/// The text a browser's date-and-time field would send for a date.
enum LocalText {
    static func of(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0)
    }
}
