import AlongsideDomain
import Foundation
import Testing

@Suite struct LocalTimeTests {
    static let auckland = ZoneCatalog.rules(for: "Pacific/Auckland")!
    static func instant(_ text: String) -> Date { CivilTime.parse(text)! }

    @Test(arguments: ["Pacific/Auckland", "Australia/Sydney", "Australia/Lord_Howe", "Europe/London", "America/Santiago", "Asia/Kolkata"])
    func itAgreesWithFoundationAtEveryKindOfMoment(zone name: String) throws {
        let rules = try #require(ZoneCatalog.rules(for: name))
        let zone = try #require(TimeZone(identifier: name))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let seconds = Int.random(in: -2_000_000_000...4_000_000_000, using: &generator)
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(rules.offset(at: date) == zone.secondsFromGMT(for: date), "\(name) at \(seconds)")
        }
    }

    @Test func aTimeIsTypedInTheZoneAndStoredInUTC() {
        var errors = FieldErrors()
        let summer = LocalTime.read("2026-11-24T09:30", field: "at", unreadable: "?", into: &errors, zone: Self.auckland)
        #expect(summer == Self.instant("2026-11-23T20:30"), "New Zealand daylight time is 13 hours ahead")
        let winter = LocalTime.read("2026-07-01T09:30", field: "at", unreadable: "?", into: &errors, zone: Self.auckland)
        #expect(winter == Self.instant("2026-06-30T21:30"), "and standard time 12")
        #expect(errors.isEmpty)
        #expect(Self.auckland.civil(Self.instant("2026-11-23T20:30")).longText == "24 November 2026 at 09:30")
    }

    @Test func aTimeTheClocksSkippedIsExplained() {
        var errors = FieldErrors()
        // New Zealand's clocks go forward at 02:00 on Sunday 27 September 2026.
        let skipped = LocalTime.read("2026-09-27T02:30", field: "at", unreadable: "?", into: &errors, zone: Self.auckland)
        #expect(skipped == nil)
        let message = errors["at"] ?? ""
        #expect(message.contains("02:30 didn't happen on Sunday 27 September 2026 in Pacific/Auckland"))
        #expect(message.contains("forward from 02:00 to 03:00"))
    }

    @Test func aTimeThatHappenedTwiceIsExplained() {
        var errors = FieldErrors()
        // And back at 03:00 on Sunday 5 April 2026.
        let twice = LocalTime.read("2026-04-05T02:30", field: "at", unreadable: "?", into: &errors, zone: Self.auckland)
        #expect(twice == nil)
        let message = errors["at"] ?? ""
        #expect(message.contains("02:30 happened twice on Sunday 5 April 2026 in Pacific/Auckland"))
        #expect(message.contains("back from 03:00 to 02:00"))
        var fine = FieldErrors()
        #expect(LocalTime.read("2026-04-05T03:30", field: "at", unreadable: "?", into: &fine, zone: Self.auckland) != nil)
        #expect(LocalTime.read("2026-04-05T01:30", field: "at", unreadable: "?", into: &fine, zone: Self.auckland) != nil)
        #expect(fine.isEmpty)
    }

    @Test func daysAreCountedInLocalDaysAcrossAClockChange() {
        // 22:00 on Saturday 26 September and 08:00 on Monday 28 September, New Zealand time: a
        // 23-hour Sunday in between, two calendar days apart, though only 33 hours passed.
        let saturdayNight = Self.instant("2026-09-26T10:00")
        let mondayMorning = Self.instant("2026-09-27T19:00")
        #expect(Self.auckland.civil(saturdayNight).localDateTimeText == "2026-09-26T22:00")
        #expect(Self.auckland.civil(mondayMorning).localDateTimeText == "2026-09-28T08:00")
        #expect(Self.auckland.daysBetween(saturdayNight, mondayMorning) == 2)
        #expect(ZoneRules.utc.daysBetween(saturdayNight, mondayMorning) == 1)
        let sunday = Self.auckland.dayNumber(saturdayNight) + 1
        #expect(mondayMorning.timeIntervalSince(Self.auckland.startOfDay(sunday + 1)) == 8 * 3600)
        #expect(Self.auckland.startOfDay(sunday + 1).timeIntervalSince(Self.auckland.startOfDay(sunday)) == 23 * 3600)
    }

    @Test func aDayWhoseMidnightIsSkippedStartsAtItsFirstRealMinute() throws {
        // Chile moves its clocks forward at midnight: that day starts at 01:00.
        let santiago = try #require(ZoneCatalog.rules(for: "America/Santiago"))
        let zone = try #require(TimeZone(identifier: "America/Santiago"))
        let change = try #require(zone.nextDaylightSavingTimeTransition(after: Self.instant("2026-08-01T00:00")))
        let day = santiago.dayNumber(change)
        let start = santiago.startOfDay(day)
        #expect(santiago.dayNumber(start) == day)
        #expect(santiago.dayNumber(start.addingTimeInterval(-1)) == day - 1)
    }

    @Test func aPlanDayIsTheSameDayInEveryZone() {
        let day = PlanDate.parse("2026-12-01")!
        #expect(PlanDate.text(day) == "2026-12-01")
        // Late evening on 30 November in UTC is already 1 December in Auckland: "today" is local.
        let evening = Self.instant("2026-11-30T20:00")
        #expect(PlanDate.startOfDay(evening, zone: Self.auckland) == day)
        #expect(PlanDate.startOfDay(evening, zone: .utc) == PlanDate.parse("2026-11-30")!)
    }

    @Test(arguments: [
        "", "Mars/Olympus_Mons", "../../etc/passwd", "<script>alert(1)</script>", "pacific/auckland", String(repeating: "A", count: 10_000),
    ])
    func onlyARealZoneNameIsAccepted(_ name: String) {
        guard case .failure(let errors) = ZoneCatalog.parse(name) else {
            Issue.record("accepted \(name.prefix(40))")
            return
        }
        #expect(errors["timeZone"] != nil)
    }

    @Test func theRequestsZoneIsUsedWhenNoneIsGiven() {
        LocalClock.$zone.withValue(Self.auckland) {
            var errors = FieldErrors()
            #expect(LocalTime.read("2026-11-24T09:30", field: "at", unreadable: "?", into: &errors) == Self.instant("2026-11-23T20:30"))
            #expect(LocalTime.fieldText(Self.instant("2026-11-23T20:30")) == "2026-11-24T09:30")
        }
    }
}

@Suite struct PhoneNumberTests {
    @Test func numbersInWhatPeopleWriteBecomeDiallable() {
        let parts = PhoneNumbers.split("Text first on 021 555 0199, or the office (09) 555-0101.")
        #expect(
            parts == [
                .text("Text first on "), .number(shown: "021 555 0199", dial: "0215550199"), .text(", or the office "),
                .number(shown: "(09) 555-0101", dial: "095550101"), .text("."),
            ] || parts.contains(.number(shown: "09) 555-0101", dial: "095550101")))
        #expect(PhoneNumbers.split("Call +64 21 555 0199") == [.text("Call "), .number(shown: "+64 21 555 0199", dial: "+64215550199")])
    }

    @Test func datesTimesAndShortNumbersAreLeftAlone() {
        for text in ["Seen on 2026-11-24 at 09:30", "Back on 24.11.2026", "Room 12, 3 people", "Flat 4B", "abc123456789"] {
            #expect(!PhoneNumbers.split(text).contains { if case .number = $0 { true } else { false } }, "\(text)")
        }
    }

    @Test func crisisLinesMayBeShort() {
        let parts = PhoneNumbers.split("Emergency 111. Need to talk? Call or text 1737.", minimumDigits: 3)
        #expect(parts.contains(.number(shown: "111", dial: "111")) && parts.contains(.number(shown: "1737", dial: "1737")))
    }
}

@Suite struct ZoneCatalogTests {
    @Test func theListOffersUTCAndTodaysNamesForPlaces() {
        for name in ["UTC", "Pacific/Auckland", "Asia/Kolkata", "Europe/Kyiv"] {
            #expect(ZoneCatalog.identifiers.contains(name), "\(name)")
            #expect(ZoneCatalog.rules(for: name) != nil, "\(name)")
        }
    }
}
