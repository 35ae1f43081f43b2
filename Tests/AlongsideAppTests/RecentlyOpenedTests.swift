import Crypto
import Testing

@testable import AlongsideApp

/// The cipher keeps the words it opened lately so pages don't decrypt them again; that memory must
/// stay within its budget over a server's whole life, however many notes are written.
@Suite struct RecentlyOpenedTests {
    private func sealed(_ number: Int) -> String { "enc1:abcdef12:" + String(repeating: "x", count: 60) + "\(number)" }

    @Test func neverHoldsMoreThanItsBudgetHoweverManyValuesPass() {
        var cache = RecentlyOpened(budget: 16_384)
        for number in 0..<20_000 {
            cache.remember(sealed(number), "A short call to check in, number \(number).")
            #expect(cache.bytes <= cache.budget)
        }
        #expect(cache.count > 50, "it still holds what fits")
        #expect(cache.plain(for: sealed(19_999)) == "A short call to check in, number 19999.")
        #expect(cache.plain(for: sealed(0)) == nil, "the oldest were let go")
    }

    @Test func aValueAskedForAgainOutlastsValuesSeenOnce() {
        var cache = RecentlyOpened(budget: 16_384)
        cache.remember(sealed(-1), "Sam")
        for number in 0..<5_000 {
            cache.remember(sealed(number), "A note written once and never read again.")
            if number.isMultiple(of: 20) { #expect(cache.plain(for: sealed(-1)) == "Sam") }
        }
        #expect(cache.plain(for: sealed(-1)) == "Sam")
    }

    @Test func aValueTooBigForItIsOpenedEachTimeAndTakesNothingsPlace() {
        var cache = RecentlyOpened(budget: 1_024)
        cache.remember(sealed(1), "Sam")
        cache.remember(sealed(2), String(repeating: "a long note ", count: 100))
        #expect(cache.plain(for: sealed(2)) == nil)
        #expect(cache.plain(for: sealed(1)) == "Sam")
    }

    @Test func rememberingAValueTwiceCountsItOnce() {
        var cache = RecentlyOpened(budget: 16_384)
        cache.remember(sealed(1), "Sam")
        let once = cache.bytes
        cache.remember(sealed(1), "Sam")
        #expect(cache.bytes == once)
        #expect(cache.count == 1)
    }

    @Test func theCiphersMemoryOfOpenedWordsStaysWithinItsBudgetAcrossAWorkingWeekOfNotes() throws {
        let cipher = FieldCipher()
        let id = cipher.add(SymmetricKey(size: .bits256))
        cipher.makeCurrent(id)
        var last = ""
        for number in 0..<30_000 {
            last = cipher.seal("We talked about the week ahead and what might help, note \(number).")
            #expect(try cipher.open(last) == "We talked about the week ahead and what might help, note \(number).")
        }
        #expect(cipher.openedBytes <= FieldCipher.openedBudget)
        #expect(cipher.openedBytes > FieldCipher.openedBudget / 4, "it is used, not bypassed")
    }
}
