import AlongsideDomain
import Foundation
import Testing

@Suite struct CivilTimeTests {
    /// Checked against Foundation's own calendar, across leap years, century rules and before 1970.
    @Test(arguments: [-2_208_988_800.0, -86_401, -1, 0, 951_782_400, 951_868_799.5, 1_795_000_000, 4_107_542_400, 1_709_164_800])
    func itAgreesWithFoundation(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let expected = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let civil = CivilTime(date)
        #expect(civil.year == expected.year && civil.month == expected.month && civil.day == expected.day)
        #expect(civil.hour == expected.hour && civil.minute == expected.minute && civil.second == expected.second)
        #expect(civil.weekday == (expected.weekday ?? 0) - 1)
    }

    @Test func itWritesTheFormatsPeopleAndCalendarsRead() {
        let civil = CivilTime(Date(timeIntervalSince1970: 1_795_512_600))  // Tuesday 24 November 2026, 09:30 UTC
        #expect(civil.longText == "24 November 2026 at 09:30")
        #expect(civil.dayText == "Tuesday 24 November 2026")
        #expect(civil.localDateTimeText == "2026-11-24T09:30")
        #expect(civil.iCalendarText == "20261124T093000Z")
    }
}
