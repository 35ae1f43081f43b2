import Foundation

/// The rules of a TOTP second factor (RFC 6238: 30-second steps, six digits), apart from the
/// arithmetic itself: what a typed code may look like, which steps around now are accepted, and
/// that no code is accepted twice.
public enum SecondFactorRules {
    public static let stepSeconds: Int64 = 30
    /// One step either side of now, for a phone clock a little out.
    public static let window: Int64 = 1
    public static let recoveryCodeCount = 10
    public static let attemptsPerSignIn = 5
    /// Wrong codes in a row for one account, wherever they were typed, before codes stop being
    /// checked for a while: six digits are a million choices, so guessing must stay slow.
    public static let failuresBeforePause = 10
    public static let pause: TimeInterval = 15 * 60

    public static func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(stepSeconds)).rounded(.down))
    }

    /// The steps a code may be for now, newest first, leaving out any at or before the last one used.
    public static func candidateSteps(at date: Date, lastUsed: Int64?) -> [Int64] {
        let now = step(at: date)
        return [now, now - window, now + window].filter { $0 > (lastUsed ?? Int64.min) }
    }

    public enum Typed: Equatable, Sendable {
        case totp(String)
        case recovery(String)
    }

    /// A six-digit code (spaces allowed, as apps show "123 456") or a recovery code (ten letters
    /// and digits, with or without its dash).
    public static func read(_ raw: String?, field: String = "code") -> Result<Typed, FieldErrors> {
        let compact = (raw ?? "").filter { !$0.isWhitespace && $0 != "-" }
        if compact.isEmpty {
            return .failure(FieldErrors(field: field, "Enter the six-digit code your authenticator app shows now."))
        }
        if compact.count == 6, compact.allSatisfy(\.isASCIIDigit) { return .success(.totp(compact)) }
        if compact.count == 10, compact.allSatisfy({ $0.isASCIILetterOrDigit }) { return .success(.recovery(compact.lowercased())) }
        return .failure(
            FieldErrors(field: field, "A code is six digits from your authenticator app, or one of your ten-character recovery codes."))
    }

    /// The alphabet of recovery codes: no 0/o, 1/l/i, so a code read aloud or written down survives.
    public static let recoveryAlphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    /// "abcde-fghij", as shown once and written down.
    public static func shown(_ code: String) -> String {
        String(code.prefix(5)) + "-" + String(code.dropFirst(5))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIILetterOrDigit: Bool { isASCII && (isLetter || isNumber) }
}

/// Base32 (RFC 4648) for a TOTP secret: what an authenticator app is given.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    public static func encode(_ bytes: [UInt8]) -> String {
        var output = ""
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
                buffer &= (1 << bits) - 1
            }
        }
        if bits > 0 { output.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return output
    }

    public static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer = 0
        var bits = 0
        for character in text.uppercased() where character != "=" {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                output.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
                buffer &= (1 << bits) - 1
            }
        }
        return output
    }
}
