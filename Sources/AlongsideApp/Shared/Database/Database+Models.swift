import FluentKit
import FluentSQL
import SQLKit

extension Database {
    /// Models read by one statement written as SQL, for the reads every record page makes.
    ///
    /// Fluent's query builder waits for each query on an event loop's future, so from a request's
    /// task every query crossed to the event loop and back (two thread switches), and the query was
    /// built, converted and written out anew. A statement here goes straight to the database: on
    /// SQLite's reader it runs on the calling thread, prepared once. It must select the model's
    /// own columns without prefixes (`SELECT * FROM table …`).
    func models<M: Model>(_ type: M.Type, _ query: SQLQueryString) async throws -> [M] {
        try await (self as! any SQLDatabase).raw(query).all().map { try $0.decode(fluentModel: M.self) }
    }

    func model<M: Model>(_ type: M.Type, _ query: SQLQueryString) async throws -> M? {
        try await models(type, query).first
    }

    /// Whether a statement (`SELECT 1 FROM … LIMIT 1`) finds a row.
    func exists(_ query: SQLQueryString) async throws -> Bool {
        try await (self as! any SQLDatabase).raw(query).first() != nil
    }
}

extension SQLBind {
    /// A bound value, or SQL's NULL for nil, as Fluent writes an optional field.
    static func orNull<Value: Encodable & Sendable>(_ value: Value?) -> any SQLExpression {
        value.map { SQLBind($0) } ?? SQLLiteral.null
    }
}
