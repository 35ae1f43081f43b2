/// Sealed values opened lately, with their plain text, held within a budget of bytes.
///
/// Why a budget of bytes and two generations: each saved conversation brings new sealed values, so
/// a cache bounded only by its count grew by every write until it was full (about 220 bytes a
/// write, which a ten-minute soak showed as the server's heap growing by 6.7 MB) and then dropped
/// everything at once, the names every caseload needs with it. Here new values go into the recent
/// generation; when that holds half the budget it becomes the older one and the oldest are let go.
/// A value found in the older generation moves back to the recent one, so what pages keep asking
/// for (a worker's peers' names, a relationship's newest notes) stays while one-off values pass.
struct RecentlyOpened {
    /// What one entry is counted as beyond its text: two string buffers and a dictionary slot.
    static let entryOverhead = 96

    let budget: Int
    private var recent: [String: String] = [:]
    private var recentBytes = 0
    private var older: [String: String] = [:]
    private var olderBytes = 0

    init(budget: Int) {
        precondition(budget > 0, "a cache needs room for something")
        self.budget = budget
    }

    /// Bytes held, as counted against the budget; never more than the budget.
    var bytes: Int { recentBytes + olderBytes }

    var count: Int { recent.count + older.count }

    mutating func plain(for sealed: String) -> String? {
        if let plain = recent[sealed] { return plain }
        guard let plain = older.removeValue(forKey: sealed) else { return nil }
        olderBytes -= Self.size(sealed, plain)
        remember(sealed, plain)
        return plain
    }

    mutating func remember(_ sealed: String, _ plain: String) {
        let size = Self.size(sealed, plain)
        guard size <= budget / 2, recent[sealed] == nil else { return }
        if recentBytes + size > budget / 2 {
            older = recent
            olderBytes = recentBytes
            recent = [:]
            recentBytes = 0
        }
        recent[sealed] = plain
        recentBytes += size
    }

    private static func size(_ sealed: String, _ plain: String) -> Int {
        sealed.utf8.count + plain.utf8.count + entryOverhead
    }
}
