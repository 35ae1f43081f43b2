import AlongsideDomain
import Foundation
import Testing

@Suite struct AccountRulesTests {
    let rule = PasswordRule(commonPasswords: ["qwerty123456", "1qaz2wsx3edc"])

    @Test(arguments: [
        ("", "Enter a password."),
        ("eleven char", "Use at least 12 characters (this has 11)."),
        ("QWERTY123456", "This is one of the most common passwords, so it is easy to guess. Choose another."),
        (String(repeating: "é", count: 40), "Use at most 72 characters (fewer if you use accented letters or emoji)."),
    ])
    func weakPasswordsAreExplained(password: String, message: String) {
        #expect(rule.problem(with: password) == message)
    }

    @Test func aLongUncommonPhraseIsFine() {
        #expect(rule.problem(with: "kettle on the windowsill") == nil)
    }

    @Test func theConfirmationMustMatch() {
        var errors = FieldErrors()
        rule.check(password: "kettle on the windowsill", confirmation: "kettle on the window", into: &errors)
        #expect(errors["confirmation"]?.contains("don't match") == true)
        #expect(errors["password"] == nil)
    }

    @Test(arguments: ["name@example.org", "  Name.Surname+peer@Example.ORG  ", "a@b.co"])
    func emailAddressesAreNormalised(raw: String) throws {
        let email = try #require(EmailAddress(raw))
        #expect(email.value == email.value.lowercased())
        #expect(!email.value.hasPrefix(" "))
    }

    @Test(arguments: [
        "", "plainaddress", "@example.org", "name@", "name@example", "name@.org", "a b@example.org", "a@b@c.org", "<a>@x.org",
    ])
    func malformedEmailAddressesAreRefused(raw: String) {
        #expect(EmailAddress(raw) == nil)
        #expect(EmailAddress.problem(with: raw) != nil)
    }

    @Test func namesAreTrimmedAndBounded() {
        #expect(NameRule.problem(with: "  ", label: "your name", maxLength: 10) == "Enter your name.")
        #expect(NameRule.problem(with: "Aroha", label: "your name", maxLength: 10) == nil)
        #expect(NameRule.problem(with: "Aroha\u{0007}", label: "your name", maxLength: 10) != nil)
        #expect(
            NameRule.problem(with: String(repeating: "a", count: 11), label: "your name", maxLength: 10)?.contains("10 characters") == true)
    }

    @Test func inviteStatusFollowsUseWithdrawalAndTime() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(InviteStatus.of(expiresAt: now + 1, usedAt: nil, withdrawnAt: nil, now: now) == .usable)
        #expect(InviteStatus.of(expiresAt: now, usedAt: nil, withdrawnAt: nil, now: now) == .expired)
        #expect(InviteStatus.of(expiresAt: now + 1, usedAt: now, withdrawnAt: nil, now: now) == .used)
        #expect(InviteStatus.of(expiresAt: now + 1, usedAt: nil, withdrawnAt: now, now: now) == .withdrawn)
    }
}
