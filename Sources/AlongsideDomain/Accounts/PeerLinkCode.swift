/// Linking a peer to their own login takes two people: their peer worker makes the link, and the
/// peer proves it is them with a short code the worker reads to them in person (never sent with
/// the link). A link that reaches someone else is useless without it, and a few wrong codes end it.
public enum PeerLinkCode {
    public static let digits = 6
    /// Wrong codes before the link stops working.
    public static let maxFailures = 5

    public static func generate<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let number = Int.random(in: 0..<1_000_000, using: &generator)
        let text = String(number)
        return String(repeating: "0", count: digits - text.count) + text
    }

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// `123 456`, as it is easiest to read out.
    public static func spoken(_ code: String) -> String {
        String(code.prefix(3)) + " " + String(code.dropFirst(3))
    }

    /// What the peer typed, without the spaces or dashes people add: nil unless it is six digits.
    public static func normalised(_ raw: String) -> String? {
        let kept = raw.unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "\u{00A0}" }
        guard kept.count == digits, kept.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }) else { return nil }
        return String(String.UnicodeScalarView(kept))
    }

    public static func problem(with raw: String) -> String? {
        if raw.trimmingWhitespace().isEmpty { return "Enter the code your peer worker read to you." }
        if normalised(raw) == nil { return "The code is six numbers, such as 123 456. Check it with your peer worker." }
        return nil
    }
}
