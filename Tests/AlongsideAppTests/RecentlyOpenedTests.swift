import Crypto
import FluentKit
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
        let key = SymmetricKey(size: .bits256)
        let id = cipher.add(key)
        cipher.makeCurrent(id)
        var last = ""
        for number in 0..<30_000 {
            last = cipher.seal("We talked about the week ahead and what might help, note \(number).")
            #expect(try cipher.open(last) == "We talked about the week ahead and what might help, note \(number).")
        }
        // Another process with the same key opens what this one sealed, without its memory.
        let elsewhere = FieldCipher()
        elsewhere.makeCurrent(elsewhere.add(key))
        #expect(try elsewhere.open(last) == "We talked about the week ahead and what might help, note 29999.")
        #expect(cipher.openedBytes <= FieldCipher.openedBudget)
        #expect(cipher.openedBytes > FieldCipher.openedBudget / 4, "it is used, not bypassed")
    }
}

/// Fluent asks a model for its input twice in one save; a sealed field must give the same sealed
/// text both times, or every save would encrypt twice and leave an unused value in the cipher's memory.
@Suite struct SealedFieldInputTests {
    private final class Recorder: DatabaseInput {
        var bound: [String] = []
        let wantsUnmodifiedKeys: Bool
        init(wantsUnmodifiedKeys: Bool) { self.wantsUnmodifiedKeys = wantsUnmodifiedKeys }
        func set(_ value: DatabaseQuery.Value, at key: FieldKey) {
            if case .bind(let sealed) = value, let sealed = sealed as? String { bound.append(sealed) }
        }
    }

    @Test func aFieldIsSealedOnceForEveryTimeOneSaveAsksForItAndAgainOnlyWhenItChanges() throws {
        // The keys every test app's cipher uses, as a server's start prepares them, in case no app
        // has started yet in this process.
        DataKeys.prepare(try AppKey(bytes: TestDatabase.key))
        let field = SealedFieldProperty<Conversation, String>(key: "shared_note")
        field.wrappedValue = "We walked to the river."
        let input = Recorder(wantsUnmodifiedKeys: true)
        field.input(to: input)
        field.input(to: input)
        let changes = Recorder(wantsUnmodifiedKeys: false)
        field.input(to: changes)
        #expect(input.bound.count == 2)
        #expect(input.bound[0] == input.bound[1])
        #expect(changes.bound == [input.bound[0]])
        #expect(input.bound[0].hasPrefix(FieldCipher.prefix))
        #expect(try FieldCipher.shared.open(input.bound[0]) == "We walked to the river.")
        field.wrappedValue = "We walked to the sea."
        field.input(to: input)
        #expect(input.bound[2] != input.bound[0])
        #expect(try FieldCipher.shared.open(input.bound[2]) == "We walked to the sea.")
    }
}
