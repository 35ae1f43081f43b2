/// A name cut to initials, for places where a full name would say too much: a supervisor's view
/// of a colleague's caseload, or a calendar on a phone that others may glance at.
public enum Initials {
    public static func of(_ name: String) -> String {
        let letters = name.split(whereSeparator: { $0.isWhitespace || $0 == "-" }).compactMap(\.first).prefix(3)
        return letters.isEmpty ? "?" : letters.map { "\($0.uppercased())." }.joined(separator: " ")
    }
}
