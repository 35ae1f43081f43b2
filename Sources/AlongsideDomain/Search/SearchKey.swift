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
    /// A folded query as a `LIKE` pattern with `\\` as the escape: the wildcards people can't type are escaped.
    public static func likePattern(_ folded: String, anywhere: Bool = true) -> String {
        let escaped = folded.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return anywhere ? "%" + escaped + "%" : escaped
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
