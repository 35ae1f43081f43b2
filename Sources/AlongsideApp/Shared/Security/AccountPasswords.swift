import AlongsideDomain
import Vapor

/// Hashing and checking passwords. Bcrypt is deliberately slow, so it runs on the thread pool,
/// never on an event loop.
struct AccountPasswords: Sendable {
    let rule: PasswordRule
    let cost: Int
    let threadPool: NIOThreadPool
    /// A real hash of a random secret with the same cost, made in the background at start-up so a
    /// slow hash does not delay the first request.
    let decoyHash: Task<String, any Error>

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await threadPool.runIfActive { try Bcrypt.verify(password, created: hash) }
    }

    /// Spends the same time as a real check when there is no account, so response times don't
    /// reveal which emails have accounts.
    func verifyNothing(_ password: String) async throws {
        _ = try await verify(password, against: decoyHash.value)
    }

    /// The 10,000 most common passwords, from the ranked list shipped in zxcvbn (MIT licence).
    static func loadCommonPasswords() throws -> Set<String> {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources")
        else { throw Abort(.internalServerError) }
        let text = try String(contentsOf: url, encoding: .utf8)
        return Set(text.split(separator: "\n").map { String($0).lowercased() })
    }
}

extension Application {
    private struct PasswordsKey: StorageKey { typealias Value = AccountPasswords }

    var accountPasswords: AccountPasswords {
        get { storage[PasswordsKey.self]! }
        set { storage[PasswordsKey.self] = newValue }
    }
}
