import Fluent
import Foundation
import SQLKit

/// Writes many generated rows quickly, for the scaled demo only: values are rendered as SQL
/// literals in large multi-row INSERTs, because binding tens of millions of parameters one by one
/// is what makes a bulk load slow. Only values Alongside generated itself pass through here, and
/// every text is quoted the SQL way, so nothing can break out of its literal.
struct BulkInsert {
    enum Value {
        case uuid(UUID)
        case text(String)
        case date(Date)
        case int(Int)
        case bool(Bool)
        case null
        /// A value already rendered by `literal(_:)`, for one that repeats on many rows.
        case literal(String)
    }

    /// A UUID as a literal, rendered once and reused.
    static func literal(_ id: UUID) -> Value { .literal("'" + upperHex(id) + "'") }

    /// `uuidString` goes through `snprintf` on Linux; the same text by hand is many times faster.
    static func upperHex(_ id: UUID) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(36)
        withUnsafeBytes(of: id.uuid) { raw in
            for (index, byte) in raw.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { bytes.append(0x2D) }
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    let database: any SQLDatabase
    let table: String
    let columns: [String]
    var rowsPerStatement = 1_000
    private var sql = ""
    private var pending = 0
    private(set) var written = 0
    private let postgres: Bool
    /// The positions of free-text columns, whose values are sealed.
    private let sealed: Set<Int>

    init(_ database: any Database, table: String, columns: [String]) {
        self.database = database as! any SQLDatabase
        self.table = table
        self.columns = columns
        postgres = self.database.dialect.name == "postgresql"
        let freeText = Set(FreeTextColumns.all[table] ?? [])
        sealed = Set(columns.indices.filter { freeText.contains(columns[$0]) })
    }

    mutating func add(_ values: [Value]) async throws {
        precondition(values.count == columns.count, "\(table): \(values.count) values for \(columns.count) columns")
        if pending == 0 {
            sql.removeAll(keepingCapacity: true)
            sql += "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        } else {
            sql += ", "
        }
        sql += "("
        for (index, value) in values.enumerated() {
            if index > 0 { sql += ", " }
            // Free text is sealed here, as every other writer seals it, so no demo writes it in clear.
            if sealed.contains(index), case .text(let plain) = value {
                render(.text(FieldCipher.shared.seal(plain)))
            } else {
                render(value)
            }
        }
        sql += ")"
        pending += 1
        if pending >= rowsPerStatement { try await flush() }
    }

    mutating func flush() async throws {
        guard pending > 0 else { return }
        try await database.raw(SQLQueryString(unsafeRaw: sql)).run()
        written += pending
        pending = 0
    }

    private mutating func render(_ value: Value) {
        switch value {
        case .uuid(let id):
            // Fluent keeps UUIDs as upper-case text in SQLite and as `uuid` in PostgreSQL.
            sql += "'" + Self.upperHex(id) + "'"
        case .text(let text):
            sql += "'"
            if text.utf8.contains(0x27) {
                sql += text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''")
            } else {
                sql += text
            }
            sql += "'"
        case .date(let date):
            if postgres {
                sql += "to_timestamp(" + String(date.timeIntervalSince1970) + ")"
            } else {
                sql += String(date.timeIntervalSince1970)
            }
        case .int(let number):
            sql += String(number)
        case .bool(let flag):
            sql += postgres ? (flag ? "true" : "false") : (flag ? "1" : "0")
        case .null:
            sql += "NULL"
        case .literal(let text):
            sql += text
        }
    }
}

extension SQLQueryString {
    init(unsafeRaw text: String) {
        self.init("")
        appendInterpolation(unsafeRaw: text)
    }
}
