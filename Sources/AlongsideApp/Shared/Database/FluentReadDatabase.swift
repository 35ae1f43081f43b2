import FluentKit
import FluentSQL
import NIOCore
import SQLKit

/// A Fluent database whose reads go through `SQLiteReader` and everything else (writes,
/// transactions, schema) to the pool as before, so model queries on the busiest pages skip the
/// hops to SQLite's thread pool without being written again as SQL. `Request.readDB` hands it out.
struct FluentReadDatabase: Database, SQLDatabase {
    let underlying: any Database
    let reader: SQLiteReader

    var context: DatabaseContext { underlying.context }
    var inTransaction: Bool { false }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        switch query.action {
        case .read, .aggregate:
            reader.execute(sql: SQLQueryConverter(delegate: ReadConverterDelegate()).convert(query)) {
                onOutput(ReadOutput(row: $0, schema: nil))
            }
        default: underlying.execute(query: query, onOutput: onOutput)
        }
    }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) async throws {
        switch query.action {
        case .read, .aggregate:
            try await reader.execute(sql: SQLQueryConverter(delegate: ReadConverterDelegate()).convert(query)) {
                onOutput(ReadOutput(row: $0, schema: nil))
            }
        default: try await underlying.execute(query: query, onOutput: onOutput)
        }
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { underlying.execute(schema: schema) }
    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { underlying.execute(enum: `enum`) }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        underlying.transaction(closure)
    }

    func transaction<T: Sendable>(_ closure: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await underlying.transaction(closure)
    }

    func withConnection<T: Sendable>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        underlying.withConnection(closure)
    }

    func withConnection<T: Sendable>(_ closure: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await underlying.withConnection(closure)
    }

    // SQLDatabase: a SELECT goes to the reader, anything else (an update, a pragma) to the pool.
    var logger: Logger { underlying.logger }
    var eventLoop: any EventLoop { underlying.eventLoop }
    var dialect: any SQLDialect { reader.dialect }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let (sql, binds) = reader.serialize(query)
        guard Self.isSelect(sql) else { return (underlying as! any SQLDatabase).execute(sql: query, onRow) }
        do {
            try reader.run(sql, binds, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = reader.serialize(query)
        guard Self.isSelect(sql) else { return try await (underlying as! any SQLDatabase).execute(sql: query, onRow) }
        try reader.run(sql, binds, onRow)
    }

    private static func isSelect(_ sql: String) -> Bool {
        let head = sql.prefix(7).uppercased()
        return head == "SELECT " || head == "SELECT\n"
    }
}

/// As the SQLite driver converts Fluent's queries (its own delegate is internal to it).
private struct ReadConverterDelegate: SQLConverterDelegate {
    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? {
        switch dataType {
        case .string, .enum: SQLRaw("TEXT")
        case .datetime: SQLRaw("REAL")
        case .int64: SQLRaw("INTEGER")
        default: nil
        }
    }
}

/// A row as Fluent's models read it, with the driver's handling of joined schemas' prefixes.
private struct ReadOutput: DatabaseOutput {
    let row: any SQLRow
    let schema: String?

    var description: String { String(describing: row) }

    private func adjust(_ key: FieldKey) -> String {
        (schema.map { .prefix(.prefix(.string($0), "_"), key) } ?? key).description
    }

    func schema(_ schema: String) -> any DatabaseOutput { ReadOutput(row: row, schema: schema) }
    func contains(_ key: FieldKey) -> Bool { row.contains(column: adjust(key)) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: adjust(key)) }
    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T { try row.decode(column: adjust(key), as: T.self) }
}
