import Crypto
import Foundation
import SQLKit

/// One table's columns as PostgreSQL types them, which decide how each value is read from either
/// database and written to PostgreSQL. Alongside's schema uses only these six.
struct TableShape: Sendable {
    enum Kind: String, Sendable {
        case uuid
        case text
        case timestamp = "timestamp with time zone"
        case bigint
        case boolean
        case double = "double precision"
    }

    let name: String
    let columns: [(name: String, kind: Kind)]

    /// The value of a column, typed for binding, from a row of either database.
    func value(_ row: any SQLRow, _ column: String, _ kind: Kind) throws -> any Encodable & Sendable {
        switch kind {
        case .uuid: try row.decode(column: column, as: UUID?.self)
        case .text: try row.decode(column: column, as: String?.self)
        case .timestamp: try row.decode(column: column, as: Date?.self)
        case .bigint: try row.decode(column: column, as: Int64?.self)
        case .boolean: try row.decode(column: column, as: Bool?.self)
        case .double: try row.decode(column: column, as: Double?.self)
        }
    }

    /// A row as text that is the same in both databases for the same stored values: times to the
    /// microsecond (what PostgreSQL keeps), ids in lower case.
    func canonical(_ row: any SQLRow) throws -> String {
        try columns.map { column -> String in
            switch column.kind {
            case .uuid: try row.decode(column: column.name, as: UUID?.self).map { $0.uuidString.lowercased() } ?? "∅"
            case .text: try row.decode(column: column.name, as: String?.self).map { "\($0.utf8.count):\($0)" } ?? "∅"
            case .timestamp:
                try row.decode(column: column.name, as: Date?.self).map { String(Int64(($0.timeIntervalSince1970 * 1_000_000).rounded())) }
                    ?? "∅"
            case .bigint: try row.decode(column: column.name, as: Int64?.self).map(String.init) ?? "∅"
            case .boolean: try row.decode(column: column.name, as: Bool?.self).map { $0 ? "1" : "0" } ?? "∅"
            case .double: try row.decode(column: column.name, as: Double?.self).map { String($0.bitPattern) } ?? "∅"
            }
        }
        .joined(separator: "\u{1F}")
    }
}

/// A table's count and a checksum over its rows that doesn't depend on their order.
struct TableSum: Equatable, Sendable {
    var rows = 0
    private var digests: [Data] = []

    mutating func add(_ canonical: String) {
        rows += 1
        digests.append(Data(SHA256.hash(data: Data(canonical.utf8))))
    }

    var checksum: String {
        var hasher = SHA256()
        for digest in digests.sorted(by: { $0.lexicographicallyPrecedes($1) }) { hasher.update(data: digest) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func == (lhs: TableSum, rhs: TableSum) -> Bool { lhs.rows == rhs.rows && lhs.checksum == rhs.checksum }
}
