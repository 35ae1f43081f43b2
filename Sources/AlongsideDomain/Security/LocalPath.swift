/// The one check for a place to send someone after they sign in, or from a stored link: a path
/// on this site, never another host.
///
/// Browsers forgive a lot in a `Location`: they drop tabs and newlines, read `\` as `/`, and
/// decode `%2F` in some places, so `/\t/evil.example` and `/%5Cevil.example` both lead away.
/// Rather than list what is dangerous, this allows only what our own paths are made of.
public enum LocalPath {
    public static let maxLength = 512

    /// The path itself when it is safe to redirect to, otherwise nil.
    public static func validated(_ candidate: String) -> String? {
        isSafe(candidate) ? candidate : nil
    }

    public static func isSafe(_ candidate: String) -> Bool {
        let bytes = Array(candidate.utf8)
        guard !bytes.isEmpty, bytes.count <= maxLength, bytes[0] == UInt8(ascii: "/") else { return false }
        guard bytes.allSatisfy(isAllowed) else { return false }
        // Once decoded, the path must still be plainly local: no `//`, `\`, control characters or
        // anything outside ASCII hiding behind a percent sign.
        guard let decoded = FormBody.decode(bytes, plusIsSpace: false) else { return false }
        if decoded.count > 1, decoded[1] == UInt8(ascii: "/") || decoded[1] == UInt8(ascii: "\\") { return false }
        if decoded.contains(UInt8(ascii: "\\")) { return false }
        // A space is only ever sent encoded, and browsers keep it; every other control, and
        // anything beyond ASCII that a browser might fold into `/` or `.`, is refused.
        if decoded.contains(where: { ($0 < 0x20) || $0 >= 0x7F }) { return false }
        if containsScheme(decoded) { return false }
        return true
    }

    /// Letters, digits and the punctuation a path and query of ours can hold.
    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "/-._~?=&%+:@!$*,;".utf8.contains(byte)
        }
    }

    private static func containsScheme(_ bytes: [UInt8]) -> Bool {
        let colonSlashSlash = Array("://".utf8)
        guard bytes.count >= 3 else { return false }
        for start in 0...(bytes.count - 3) where Array(bytes[start..<start + 3]) == colonSlashSlash { return true }
        return false
    }
}
