import Foundation

/// Names as a search compares them: without case or accents, so "Mere", "MERE" and "Meré" are one,
/// and letters that don't decompose (ø, æ, ß, ł) written the way people type them without the key.
public enum SearchKey {
    public static func fold(_ text: String) -> String {
        var folded = ""
        folded.reserveCapacity(text.utf8.count)
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format, .control: continue
            default: break
            }
            if let spelled = spelledOut[scalar] {
                folded += spelled
            } else if scalar.properties.isWhitespace {
                if !folded.isEmpty, folded.last != " " { folded += " " }
            } else {
                folded += scalar.properties.lowercaseMapping
            }
        }
        while folded.last == " " { folded.removeLast() }
        return folded
    }

    private static let spelledOut: [Unicode.Scalar: String] = [
        "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
        "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i", "ŋ": "ng",
    ]

    /// The longest search anyone needs: a whole name, with room to spare.
    public static let queryLimit = 100

    /// What someone typed into the search box, folded; nil when there is nothing to look for.
    /// How a search matches a name: anywhere in it (people who may look peers up), or only the
    /// whole name (someone who must already know it, in an emergency).
    public enum Match: Sendable {
        case anywhere
        case wholeName
    }

    /// The tokens a blind index keeps for a folded name, each hashed before it is stored: every run
    /// of three characters, the first one and two letters of each word, and the whole name. The
    /// name itself is never stored in clear.
    public static func indexTokens(forName folded: String) -> Set<String> {
        var tokens: Set<String> = ["=" + folded]
        for word in folded.split(separator: " ") {
            tokens.insert("^" + word.prefix(1))
            if word.count >= 2 { tokens.insert("^" + word.prefix(2)) }
        }
        tokens.formUnion(trigrams(folded))
        return tokens
    }

    /// The tokens a name must have for a query to match: whole name; one or two letters are the
    /// start of a word; three or more, every run of three in what was typed.
    public static func queryTokens(_ folded: String, match: Match) -> Set<String> {
        switch match {
        case .wholeName: ["=" + folded]
        case .anywhere: folded.count < 3 ? ["^" + folded] : spread(trigrams(in: folded))
        }
    }

    /// A long query asks for at most eight of its runs of three, first and last included and the
    /// rest spread between: enough to narrow the candidates, and the opened name decides.
    private static func spread(_ runs: [String]) -> Set<String> {
        guard runs.count > 8 else { return Set(runs) }
        return Set((0..<8).map { runs[$0 * (runs.count - 1) / 7] })
    }

    /// The final word after the index has narrowed the candidates (hashes are short, so some are
    /// false): the same rule as `queryTokens`, on the opened name.
    public static func matches(name folded: String, query: String, match: Match) -> Bool {
        switch match {
        case .wholeName: folded == query
        case .anywhere:
            query.count < 3 ? folded.split(separator: " ").contains { $0.hasPrefix(query) } : folded.contains(query)
        }
    }

    private static func trigrams(_ folded: String) -> Set<String> { Set(trigrams(in: folded)) }

    private static func trigrams(in folded: String) -> [String] {
        let characters = Array(folded)
        guard characters.count >= 3 else { return [] }
        return (0...(characters.count - 3)).map { String(characters[$0..<($0 + 3)]) }
    }

    public static func query(_ raw: String?) -> Result<String?, FieldErrors> {
        let typed = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if typed.isEmpty { return .success(nil) }
        if typed.count > queryLimit {
            return .failure(FieldErrors(field: "q", "Search for a name of up to \(queryLimit) characters (this has \(typed.count))."))
        }
        let folded = fold(typed)
        return .success(folded.isEmpty ? nil : folded)
    }
}
