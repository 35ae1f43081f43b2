import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// A person's TOTP second factor: its secret sealed at rest, codes checked against RFC 6238 with
/// Vapor's TOTP, each accepted code's step remembered so it never works twice, and one-time
/// recovery codes kept only as hashes.
enum SecondFactorStore {
    static func totp(_ secret: [UInt8]) -> TOTP {
        TOTP(key: SymmetricKey(data: secret), digest: .sha1, digits: .six, interval: Int(SecondFactorRules.stepSeconds))
    }

    /// A new secret for an account that is turning its second factor on (not in use until confirmed).
    static func begin(_ account: Account, cipher: FieldCipher, on database: any Database) async throws -> [UInt8] {
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0.prefix(20)) }
        account.totpSecret = cipher.seal(Base32.encode(secret))
        account.totpEnabledAt = nil
        account.totpLastStep = nil
        try await account.save(on: database)
        return secret
    }

    static func secret(of account: Account, cipher: FieldCipher) throws -> [UInt8]? {
        guard let sealed = account.totpSecret else { return nil }
        return Base32.decode(try cipher.open(sealed))
    }

    enum Check: Equatable {
        case accepted
        /// Right code, but already used: a second use within its window is refused.
        case reused
        case wrong
        /// Too many wrong codes in a row for this account: none is checked until the pause ends.
        case paused
    }

    /// Counts the try before checking it, in one statement, so a burst of guesses in parallel
    /// can't outrun the limit; nil when codes are paused for this account.
    private static func claimTry(_ accountID: UUID, now: Date, on sql: any SQLDatabase) async throws -> Int? {
        let row = try await sql.raw(
            """
            UPDATE accounts SET totp_failures = totp_failures + 1
            WHERE id = \(bind: accountID) AND (totp_blocked_until IS NULL OR totp_blocked_until <= \(bind: now))
            RETURNING totp_failures
            """
        ).first()
        guard let tries = try row?.decode(column: "totp_failures", as: Int.self) else { return nil }
        if tries >= SecondFactorRules.failuresBeforePause {
            try await sql.raw(
                """
                UPDATE accounts SET totp_blocked_until = \(bind: now.addingTimeInterval(SecondFactorRules.pause)), totp_failures = 0
                WHERE id = \(bind: accountID)
                """
            ).run()
        }
        return tries
    }

    /// Checks a typed code and, when it is right, uses it up in one conditional statement, so two
    /// requests racing with the same code can't both pass.
    static func check(
        _ typed: SecondFactorRules.Typed, for account: Account, cipher: FieldCipher, now: Date, on database: any Database
    ) async throws -> Check {
        let sql = database as! any SQLDatabase
        let accountID = try account.requireID()
        guard let tries = try await claimTry(accountID, now: now, on: sql) else { return .paused }
        let result = try await verify(typed, accountID: accountID, account: account, cipher: cipher, now: now, on: sql)
        if result == .accepted {
            try await sql.raw("UPDATE accounts SET totp_failures = 0 WHERE id = \(bind: accountID)").run()
        } else if tries >= SecondFactorRules.failuresBeforePause {
            return .paused
        }
        return result
    }

    private static func verify(
        _ typed: SecondFactorRules.Typed, accountID: UUID, account: Account, cipher: FieldCipher, now: Date, on sql: any SQLDatabase
    ) async throws -> Check {
        switch typed {
        case .totp(let code):
            guard let secret = try secret(of: account, cipher: cipher) else { return .wrong }
            let generator = totp(secret)
            let now = SecondFactorRules.step(at: now)
            let window = (now - SecondFactorRules.window)...(now + SecondFactorRules.window)
            guard
                let step = window.reversed().first(where: { step in
                    generator.generate(time: Date(timeIntervalSince1970: Double(step * SecondFactorRules.stepSeconds))) == code
                })
            else { return .wrong }
            let used = try await sql.raw(
                """
                UPDATE accounts SET totp_last_step = \(bind: step)
                WHERE id = \(bind: accountID) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step))
                RETURNING id
                """
            ).first()
            return used == nil ? .reused : .accepted
        case .recovery(let code):
            let used = try await sql.raw(
                """
                UPDATE recovery_codes SET used_at = \(bind: now)
                WHERE account_id = \(bind: accountID) AND code_hash = \(bind: SecretToken.hash(code)) AND used_at IS NULL
                RETURNING id
                """
            ).first()
            return used == nil ? .wrong : .accepted
        }
    }

    /// Marks the second factor on and makes a fresh set of recovery codes, returned once to show.
    static func enable(_ account: Account, now: Date, on database: any Database) async throws -> [String] {
        let accountID = try account.requireID()
        account.totpEnabledAt = now
        try await account.save(on: database)
        try await RecoveryCode.query(on: database).filter(\.$accountID == accountID).delete()
        var codes: [String] = []
        for _ in 0..<SecondFactorRules.recoveryCodeCount {
            let code = String((0..<10).map { _ in SecondFactorRules.recoveryAlphabet.randomElement()! })
            codes.append(code)
            try await RecoveryCode(accountID: accountID, hash: SecretToken.hash(code), at: now).create(on: database)
        }
        return codes
    }

    static func disable(_ account: Account, on database: any Database) async throws {
        account.totpSecret = nil
        account.totpEnabledAt = nil
        account.totpLastStep = nil
        try await account.save(on: database)
        try await RecoveryCode.query(on: database).filter(\.$accountID == account.requireID()).delete()
    }

    static func unusedRecoveryCodes(of account: Account, on database: any Database) async throws -> Int {
        try await RecoveryCode.query(on: database).filter(\.$accountID == account.requireID()).filter(\.$usedAt == nil).count()
    }
}

final class RecoveryCode: Model, @unchecked Sendable {
    static let schema = "recovery_codes"

    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}

    init(accountID: UUID, hash: String, at: Date) {
        self.accountID = accountID
        codeHash = hash
        createdAt = at
    }
}
