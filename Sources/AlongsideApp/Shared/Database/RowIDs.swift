import Foundation
import SQLKit

extension SQLRow {
    /// An id column, read as text and parsed here. SQLite hands ids over as text, and Foundation's
    /// parser on Linux goes through `sscanf`, which showed in every list page's profile. PostgreSQL
    /// gives its native uuid as text too, so this reads the same on both databases.
    func decodeID(column: String) throws -> UUID {
        let text = try decode(column: column, as: String.self)
        guard let id = UUID(idText: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "Column \(column) does not hold an id."))
        }
        return id
    }

    func decodeOptionalID(column: String) throws -> UUID? {
        try decodeNil(column: column) ? nil : decodeID(column: column)
    }
}

extension UUID {
    /// Parses the 36-character form (8-4-4-4-12 hexadecimal digits, either case).
    init?(idText: String) {
        var text = idText
        let parsed: uuid_t? = text.withUTF8 { bytes in
            guard bytes.count == 36, bytes[8] == 0x2D, bytes[13] == 0x2D, bytes[18] == 0x2D, bytes[23] == 0x2D else { return nil }
            var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let complete = withUnsafeMutableBytes(of: &raw) { out -> Bool in
                var index = 0
                var position = 0
                while position < 16 {
                    if index == 8 || index == 13 || index == 18 || index == 23 { index += 1 }
                    guard let high = Self.hexValue(bytes[index]), let low = Self.hexValue(bytes[index + 1]) else { return false }
                    out[position] = high << 4 | low
                    position += 1
                    index += 2
                }
                return true
            }
            return complete ? raw : nil
        }
        guard let parsed else { return nil }
        self.init(uuid: parsed)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}

extension UUID {
    /// A version 7 id: the time in milliseconds first, then random bits (RFC 9562).
    ///
    /// For rows only ever appended, many a second (the trail of reads, the audit trail): ids made
    /// later sort later, so each insert lands at the end of the table's id index instead of on a
    /// random page of it, and a batch of them writes a few pages, not one page each.
    static func timeOrdered(at date: Date) -> UUID {
        var bytes = UUID().uuid
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        withUnsafeMutableBytes(of: &bytes) { raw in
            for index in 0..<6 { raw[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
            raw[6] = 0x70 | (raw[6] & 0x0F)
            raw[8] = 0x80 | (raw[8] & 0x3F)
        }
        return UUID(uuid: bytes)
    }
}
