/// What every submitted form must be before any field is read: each field once (a list says so
/// with `[]`), text that is valid UTF-8 whether sent raw or percent-encoded, and no NUL or other
/// invisible control characters apart from tabs and line breaks.
///
/// Checked on the raw body, so that a decoder's forgiving habits (the last of two values wins,
/// invalid bytes become U+FFFD) never decide what was meant.
public enum FormBody {
    public enum Problem: Equatable, Sendable {
        case repeatedField(String)
        case invalidText(field: String)
        case controlCharacter(field: String)
        case malformedEncoding

        /// Said to the person: these only come from a broken or hostile client, never a browser
        /// using the form as written.
        public var message: String {
            switch self {
            case .repeatedField: "The form sent one of its fields twice, so we couldn't tell which to keep. Nothing was saved."
            case .invalidText: "Part of what was sent isn't readable text (it isn't valid UTF-8). Nothing was saved."
            case .controlCharacter: "What was sent contains invisible control characters. Remove them and try again. Nothing was saved."
            case .malformedEncoding: "The form arrived garbled, so nothing was saved. Reload the page and try again."
            }
        }
    }

    public static func problem(in body: [UInt8]) -> Problem? {
        var seen = Set<[UInt8]>()
        var start = 0
        while start <= body.count {
            var end = start
            while end < body.count, body[end] != UInt8(ascii: "&") { end += 1 }
            if end > start {
                let pair = body[start..<end]
                let equals = pair.firstIndex(of: UInt8(ascii: "="))
                let rawName = equals.map { body[start..<$0] } ?? pair
                let rawValue = equals.map { body[($0 + 1)..<end] } ?? []
                guard let name = decode(rawName), let value = decode(rawValue) else { return .malformedEncoding }
                let fieldName = String(decoding: name, as: UTF8.self)
                guard isValidUTF8(name) else { return .invalidText(field: "") }
                guard isValidUTF8(value) else { return .invalidText(field: fieldName) }
                if name.contains(where: isForbiddenControl) || value.contains(where: isForbiddenControl) {
                    return .controlCharacter(field: fieldName)
                }
                if !fieldName.hasSuffix("[]") {
                    guard seen.insert(name).inserted else { return .repeatedField(fieldName) }
                }
            }
            start = end + 1
        }
        return nil
    }

    /// NUL and the other C0 controls and DEL; tabs and line breaks are text.
    static func isForbiddenControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
    }

    /// `application/x-www-form-urlencoded` decoding: `+` is a space (unless `plusIsSpace` is false,
    /// as in a path), `%XX` a byte; nil when a `%` isn't followed by two hex digits.
    static func decode<C: Collection>(_ raw: C, plusIsSpace: Bool = true) -> [UInt8]? where C.Element == UInt8, C.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < raw.endIndex, let high = hex(raw[index + 1]), let low = hex(raw[index + 2]) else { return nil }
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(plusIsSpace && byte == UInt8(ascii: "+") ? 0x20 : byte)
                index += 1
            }
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}

extension FormBody {
    /// The fields of a URL-encoded body, in order, decoded; nil when it is malformed.
    public static func fields(in body: [UInt8]) -> [(name: String, value: String)]? {
        var fields: [(name: String, value: String)] = []
        for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(Array(parts[0])), let value = decode(parts.count > 1 ? Array(parts[1]) : []),
                isValidUTF8(name), isValidUTF8(value)
            else { return nil }
            fields.append((String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
        return fields
    }
}
