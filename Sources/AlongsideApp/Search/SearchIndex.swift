import AlongsideDomain
import SQLKit

/// `peers.search_key` as a blind index: the keyed hash of each of `SearchKey.indexTokens`, so a
/// name can be found without being stored in clear. Each hash is stored between spaces.
enum SearchIndex {
    static func column(forName name: String) -> String {
        let hashes = SearchKey.indexTokens(forName: SearchKey.fold(name)).map(FieldCipher.shared.indexToken).sorted()
        return " " + hashes.joined(separator: " ") + " "
    }

    /// A condition on `column` that holds for every peer whose name may match; the caller opens
    /// their names and keeps those that do (`SearchKey.matches`).
    static func condition(_ folded: String, match: SearchKey.Match, column: String) -> SQLQueryString {
        let hashes = SearchKey.queryTokens(folded, match: match).map(FieldCipher.shared.indexToken).sorted()
        var condition: SQLQueryString = "1 = 1"
        for hash in hashes {
            condition = condition + " AND \(unsafeRaw: column) LIKE \(bind: "% " + hash + " %")"
        }
        return condition
    }
}
