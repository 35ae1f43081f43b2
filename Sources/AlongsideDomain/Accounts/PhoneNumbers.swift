/// Finding phone numbers in what people write ("text first on 021 555 0199, or the office
/// 09-555-0101"), so a phone can call them with one tap.
public enum PhoneNumbers {
    public enum Part: Equatable, Sendable {
        case text(String)
        /// As written, and as dialled (`+` and digits only).
        case number(shown: String, dial: String)
    }

    /// A number starts with a digit or `+`, goes on through digits, spaces, hyphens, dots and
    /// brackets, and ends on a digit. Dates (`2026-11-24`, `24.11.2026`) and times are left alone.
    public static func split(_ text: String, minimumDigits: Int = 6) -> [Part] {
        let characters = Array(text)
        var parts: [Part] = []
        var plain = ""
        var index = 0
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        while index < characters.count {
            let c = characters[index]
            let startsNumber =
                (isDigit(c) || (c == "+" && index + 1 < characters.count && isDigit(characters[index + 1])))
                && (index == 0 || !(characters[index - 1].isLetter || isDigit(characters[index - 1])))
            guard startsNumber else {
                plain.append(c)
                index += 1
                continue
            }
            var end = index + 1
            var lastDigit = isDigit(c) ? index : -1
            while end < characters.count {
                let next = characters[end]
                if isDigit(next) {
                    lastDigit = end
                } else if !(next == " " || next == "-" || next == "." || next == "(" || next == ")") {
                    break
                }
                end += 1
            }
            let candidate = String(characters[index...max(index, lastDigit)])
            let digits = candidate.filter(isDigit)
            let followedByLetter = lastDigit + 1 < characters.count && characters[lastDigit + 1].isLetter
            if lastDigit >= index, digits.count >= minimumDigits, digits.count <= 15, !followedByLetter, !looksLikeDate(candidate) {
                if !plain.isEmpty { parts.append(.text(plain)) }
                plain = ""
                parts.append(.number(shown: candidate, dial: (c == "+" ? "+" : "") + digits))
                index = lastDigit + 1
            } else {
                plain.append(contentsOf: characters[index..<max(index + 1, lastDigit + 1)])
                index = max(index + 1, lastDigit + 1)
            }
        }
        if !plain.isEmpty { parts.append(.text(plain)) }
        return parts
    }

    /// `2026-11-24`, `24/11/2026`, `24.11.2026`: groups of 4-2-2 or 2-2-4 digits.
    static func looksLikeDate(_ text: String) -> Bool {
        let groups = text.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).map(\.count)
        return groups == [4, 2, 2] || groups == [2, 2, 4] || groups == [1, 2, 4] || groups == [2, 1, 4] || groups == [1, 1, 4]
    }
}
