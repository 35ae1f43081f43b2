import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import SQLiteKit
import SQLiteNIO
import VaporCSQLite

/// Reads from the SQLite file on the calling thread, on connections of its own that keep their
/// prepared statements and a page cache sized for a service's data.
///
/// Why: through the driver, every statement crosses from the request's thread to SQLite's thread
/// pool and back, and is planned again each time. Measured on the `--scale 100` demo, one `SELECT 1`
/// that way cost about twice a whole `/healthz` request, and a relationship page asks about twenty.
/// Here a read costs what SQLite costs: a lookup of the prepared statement, its steps, a reset.
///
/// Only reads go this way (each connection is `query_only`), and only outside a transaction: a
/// transaction's own reads must see its writes, so they stay on its connection. Each statement is
/// reset as soon as its rows are read, so no reader holds a snapshot that would keep the
/// write-ahead log from being checkpointed. It is the same SQLite library as the driver's (two
/// copies in one process would each break the other's locks).
final class SQLiteReadConnections: @unchecked Sendable {
    let path: String
    private let idle = NIOLockedValueBox(Idle())
    /// Kept for reuse; more are opened when more threads read at once, and closed after.
    private let keepIdle: Int

    private struct Idle {
        var connections: [ReadConnection] = []
        var closed = false
    }

    init(path: String, keepIdle: Int = 8) {
        self.path = path
        self.keepIdle = keepIdle
    }

    func read(_ sql: String, _ binds: [SQLiteData]) throws -> [ReadRow] {
        let connection = try idle.withLockedValue { $0.connections.popLast() } ?? ReadConnection(path: path)
        defer {
            idle.withLockedValue { if !$0.closed, $0.connections.count < keepIdle { $0.connections.append(connection) } }
        }
        return try connection.read(sql, binds)
    }

    /// Closes the idle connections when the server stops; a read still under way closes its own
    /// when it ends.
    func close() {
        idle.withLockedValue {
            $0.closed = true
            $0.connections.removeAll()
        }
    }
}

/// One SQLite connection used by one thread at a time, with its statements kept prepared.
final class ReadConnection {
    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    /// Enough for every distinct read the app makes; past it, the least valuable guess is to start over.
    private static let statementLimit = 256
    /// Pages kept in memory per connection: 16 MB, where SQLite's default of 2 MB made the
    /// 100-relationship caseload read the same pages back from the file on every request.
    private static let cachePragma = "PRAGMA cache_size=-16384"

    init(path: String) throws {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
        let opened = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard opened == SQLITE_OK, handle != nil else {
            defer { sqlite_nio_sqlite3_close_v2(handle) }
            throw ReadFailure(code: opened, message: Self.message(handle))
        }
        for pragma in ["PRAGMA query_only=1", "PRAGMA busy_timeout=10000", Self.cachePragma, "PRAGMA mmap_size=268435456"] {
            guard sqlite_nio_sqlite3_exec(handle, pragma, nil, nil, nil) == SQLITE_OK else {
                let failure = ReadFailure(code: sqlite_nio_sqlite3_errcode(handle), message: Self.message(handle))
                sqlite_nio_sqlite3_close_v2(handle)
                throw failure
            }
        }
    }

    deinit {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        sqlite_nio_sqlite3_close_v2(handle)
    }

    func read(_ sql: String, _ binds: [SQLiteData]) throws -> [ReadRow] {
        let statement = try prepared(sql)
        // Reset only: every run binds every parameter again. Clearing the bindings as well marked
        // the statement expired whenever SQLite had noted a bound value might change its plan
        // (a `col = ?` join term, `LIMIT ?`), so each run re-prepared it (12% of a caseload).
        defer { sqlite_nio_sqlite3_reset(statement) }
        for (index, bind) in binds.enumerated() {
            let position = Int32(index + 1)
            let result: Int32
            switch bind {
            case .integer(let value): result = sqlite_nio_sqlite3_bind_int64(statement, position, Int64(value))
            case .float(let value): result = sqlite_nio_sqlite3_bind_double(statement, position, value)
            case .text(let value):
                result = sqlite_nio_sqlite3_bind_text64(
                    statement, position, value, UInt64(value.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
            case .blob(let value):
                result = value.withUnsafeReadableBytes {
                    sqlite_nio_sqlite3_bind_blob64(statement, position, $0.baseAddress, UInt64($0.count), Self.transient)
                }
            case .null: result = sqlite_nio_sqlite3_bind_null(statement, position)
            }
            guard result == SQLITE_OK else { throw ReadFailure(code: result, message: Self.message(handle)) }
        }
        let count = sqlite_nio_sqlite3_column_count(statement)
        let columns = ReadRow.Columns(
            names: (0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) })
        var rows: [ReadRow] = []
        while true {
            let step = sqlite_nio_sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else { throw ReadFailure(code: step, message: Self.message(handle)) }
            var values: [SQLiteData] = []
            values.reserveCapacity(Int(count))
            for column in 0..<count { values.append(value(statement, column)) }
            rows.append(ReadRow(columns: columns, values: values))
        }
        return rows
    }

    /// How often SQLite had to prepare this kept statement again (for the tests: at most once).
    func timesPreparedAgain(_ sql: String) -> Int32 {
        statements[sql].map { sqlite_nio_sqlite3_stmt_status($0, SQLITE_STMTSTATUS_REPREPARE, 0) } ?? -1
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        if statements.count >= Self.statementLimit {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements.removeAll()
        }
        var statement: OpaquePointer?
        let result = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard result == SQLITE_OK, let statement else { throw ReadFailure(code: result, message: Self.message(handle)) }
        statements[sql] = statement
        return statement
    }

    private func value(_ statement: OpaquePointer, _ column: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .null }
            return .text(String(cString: text))
        case SQLITE_BLOB:
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: length))
            }
            return .blob(buffer)
        default: return .null
        }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func message(_ handle: OpaquePointer?) -> String {
        handle.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "unknown"
    }
}

struct ReadFailure: Error, CustomStringConvertible {
    let code: Int32
    let message: String
    var description: String { "SQLite read failed (\(code)): \(message)" }
}

/// A row read by `ReadConnection`, decoded exactly as the driver decodes its own rows.
struct ReadRow: SQLRow, Sendable {
    /// One per statement: the names of its columns, the first of each name winning, as in the driver.
    final class Columns: Sendable {
        let names: [String]
        let index: [String: Int]
        init(names: [String]) {
            self.names = names
            var index: [String: Int] = [:]
            for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
            self.index = index
        }
    }

    let columns: Columns
    let values: [SQLiteData]

    var allColumns: [String] { columns.names }
    func contains(column: String) -> Bool { columns.index[column] != nil }
    func decodeNil(column: String) throws -> Bool {
        guard let position = columns.index[column] else { return true }
        return values[position] == .null
    }
    /// As `SQLiteDataDecoder` decodes, but the plain values a page reads (text, ids, dates, numbers,
    /// and optionals of them) are converted directly: the decoder's dynamic casts, and the decoder
    /// it makes for every optional, cost as much as the query.
    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let position = columns.index[column] else { throw ReadFailure(code: 0, message: "no column \(column)") }
        let data = values[position]
        guard let plain = Plain.of(D.self) else { return try ReadRow.decoder.decode(D.self, from: data) }
        // Written out per type, never through a generic `T?`: see `Plain`.
        let optional = plain.optional
        let null = optional && data == .null
        func fail() -> ReadFailure { ReadFailure(code: 0, message: "\(column) is not a \(plain.kind)") }
        switch plain.kind {
        case .string:
            if null { return unsafeBitCast(String?.none, to: D.self) }
            guard let value = String(sqliteData: data) else { throw fail() }
            return optional ? unsafeBitCast(String?.some(value), to: D.self) : unsafeBitCast(value, to: D.self)
        case .date:
            if null { return unsafeBitCast(Date?.none, to: D.self) }
            guard let value = Date(sqliteData: data) else { throw fail() }
            return optional ? unsafeBitCast(Date?.some(value), to: D.self) : unsafeBitCast(value, to: D.self)
        case .int:
            if null { return unsafeBitCast(Int?.none, to: D.self) }
            guard let value = Int(sqliteData: data) else { throw fail() }
            return optional ? unsafeBitCast(Int?.some(value), to: D.self) : unsafeBitCast(value, to: D.self)
        case .bool:
            if null { return unsafeBitCast(Bool?.none, to: D.self) }
            guard let value = Bool(sqliteData: data) else { throw fail() }
            return optional ? unsafeBitCast(Bool?.some(value), to: D.self) : unsafeBitCast(value, to: D.self)
        case .double:
            if null { return unsafeBitCast(Double?.none, to: D.self) }
            guard let value = Double(sqliteData: data) else { throw fail() }
            return optional ? unsafeBitCast(Double?.some(value), to: D.self) : unsafeBitCast(value, to: D.self)
        case .int64:
            if null { return unsafeBitCast(Int64?.none, to: D.self) }
            guard let value = Int64(sqliteData: data) else { throw fail() }
            return optional ? unsafeBitCast(Int64?.some(value), to: D.self) : unsafeBitCast(value, to: D.self)
        case .id:
            if null { return unsafeBitCast(UUID?.none, to: D.self) }
            // Ids are stored as text; anything else is left to the decoder, as before.
            guard case .text(let text) = data, let value = UUID(idText: text) else {
                return try ReadRow.decoder.decode(D.self, from: data)
            }
            return optional ? unsafeBitCast(UUID?.some(value), to: D.self) : unsafeBitCast(value, to: D.self)
        }
    }

    /// The types read directly, found by identity. Rows are decoded by generic code that can't be
    /// specialised, and there every `T?` it named was a lookup in the runtime's metadata cache.
    private struct Plain {
        enum Kind { case string, id, date, int, bool, double, int64 }
        let kind: Kind
        let optional: Bool

        private static let known: [ObjectIdentifier: Plain] = {
            var known: [ObjectIdentifier: Plain] = [:]
            func add<T>(_ type: T.Type, _ kind: Kind) {
                known[ObjectIdentifier(T.self)] = Plain(kind: kind, optional: false)
                known[ObjectIdentifier(T?.self)] = Plain(kind: kind, optional: true)
            }
            add(String.self, .string)
            add(UUID.self, .id)
            add(Date.self, .date)
            add(Int.self, .int)
            add(Bool.self, .bool)
            add(Double.self, .double)
            add(Int64.self, .int64)
            return known
        }()

        static func of(_ type: Any.Type) -> Plain? { known[ObjectIdentifier(type)] }
    }

    private static let decoder = SQLiteDataDecoder()
}

/// `SQLDatabase` over `SQLiteReadConnections`: SQLKit's builders and raw queries work unchanged.
struct SQLiteReader: SQLDatabase {
    let connections: SQLiteReadConnections
    let logger: Logger
    let eventLoop: any EventLoop
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }
    private static let encoder = SQLiteDataEncoder()

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws {
        let (sql, binds) = serialize(query)
        try run(sql, binds, onRow)
    }

    /// A query already written out, for a caller that had to read its text first.
    func run(_ sql: String, _ binds: [any Encodable & Sendable], _ onRow: (any SQLRow) -> Void) throws {
        for row in try connections.read(sql, try binds.map { try Self.encoder.encode($0) }) { onRow(row) }
    }
}
