import AlongsideDomain
import Vapor

/// Hashing and checking passwords. Bcrypt is deliberately slow, so it runs on threads of its own
/// (`hashingThreads`), never on an event loop nor on the pool the database uses.
struct AccountPasswords: Sendable {
    let rule: PasswordRule
    let cost: Int
    let threadPool: NIOThreadPool
    /// A real hash of a random secret with the same cost, made in the background at start-up so a
    /// slow hash does not delay the first request.
    let decoyHash: Task<String, any Error>

    /// The threads Bcrypt runs on: its own, at most half the cores, shared by every app in the process.
    ///
    /// Bcrypt used to run on `app.threadPool`, the pool (one thread per core, first come first
    /// served) on which the SQLite driver runs every statement. A burst of sign-ins queued dozens of
    /// quarter-second hashes there, and every statement queued behind them while its request held
    /// its event loop's only pooled connection. Worse, a write transaction (an audit append) held
    /// SQLite's write lock while its next statement waited behind the hashes, and the other loop's
    /// connection waited for that lock inside SQLite's busy handler, spinning on the pool's other
    /// thread. Every request needing a connection then waited, and after ten seconds failed with
    /// "connection request timed out … connection deadlock" (a 500); a signed-in page took seconds.
    /// On threads of its own, hashing can slow sign-in but never a query, and leaves cores for the
    /// event loops and the database.
    static let hashingThreads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(1, System.coreCount / 2))
        pool.start()
        return pool
    }()

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
