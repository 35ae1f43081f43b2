import Fluent
import Foundation
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// Copies an SQLite service into an empty PostgreSQL database that Alongside has just migrated,
/// then checks every table's rows and checksum in both. All or nothing: the copy is one
/// PostgreSQL transaction, read from one SQLite snapshot.
enum MoveToPostgres {
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    struct Moved: Sendable {
        let table: String
        let rows: Int
        let checksum: String
    }

    /// Reads `sqlite` on a connection of its own, in one read transaction: a snapshot of the whole
    /// service, whatever else the process does meanwhile.
    static func move(
        sqlite path: String, threadPool: NIOThreadPool, on eventLoop: any EventLoop, to target: any Database,
        progress: @escaping @Sendable (String, Int) -> Void
    ) async throws -> [Moved] {
        try await SQLiteSnapshot.with(path, threadPool: threadPool, on: eventLoop) { connection in
            let source = connection.sql()
            try await source.raw("BEGIN").run()
            do {
                let moved = try await move(from: source, to: target, progress: progress)
                try await source.raw("COMMIT").run()
                return moved
            } catch {
                try? await source.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    private static func move(
        from source: any SQLDatabase, to target: any Database, progress: @escaping @Sendable (String, Int) -> Void
    ) async throws -> [Moved] {
        let shapes = try await Self.shapes(on: target as! any SQLDatabase)
        let tables = try await sqliteTables(on: source)
        if let missing = tables.first(where: { shapes[$0] == nil }) {
            throw Problem(description: "the PostgreSQL database has no table \(missing): is it the same version of Alongside?")
        }
        let held =
            try await (target as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM organisations").first()?
            .decode(column: "n", as: Int.self) ?? 0
        guard held == 0 else {
            throw Problem(description: "the PostgreSQL database already holds a service (\(held) organisations). Give an empty database.")
        }
        let ordered = tables.compactMap { shapes[$0] }
        // The comparison runs inside the copy's transaction: if any table differs, nothing is kept.
        return try await target.transaction { destination in
            let sql = destination as! any SQLDatabase
            // Rows arrive in whatever order SQLite holds them, so the foreign keys are set aside
            // and put back at the end, which checks every reference at once.
            let keys = try await foreignKeys(on: sql)
            for key in keys { try await sql.raw("ALTER TABLE \(unsafeRaw: key.table) DROP CONSTRAINT \(unsafeRaw: key.name)").run() }
            for shape in ordered { try await sql.raw("DELETE FROM \(ident: shape.name)").run() }
            for shape in ordered {
                try await copy(shape, from: source, to: sql, progress: progress)
            }
            for key in keys {
                try await sql.raw("ALTER TABLE \(unsafeRaw: key.table) ADD CONSTRAINT \(unsafeRaw: key.name) \(unsafeRaw: key.definition)")
                    .run()
            }
            var moved: [Moved] = []
            for shape in ordered {
                let before = try await sum(shape, on: source, sqlite: true)
                let after = try await sum(shape, on: sql, sqlite: false)
                guard before == after else {
                    throw Problem(
                        description:
                            "\(shape.name) differs after the copy: \(before.rows) rows in SQLite, \(after.rows) in PostgreSQL, or their checksums"
                    )
                }
                moved.append(Moved(table: shape.name, rows: after.rows, checksum: after.checksum))
            }
            return moved
        }
    }

    static func shapes(on database: any SQLDatabase) async throws -> [String: TableShape] {
        let rows = try await database.raw(
            """
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """
        ).all()
        var columns: [String: [(String, TableShape.Kind)]] = [:]
        for row in rows {
            let table = try row.decode(column: "table_name", as: String.self)
            let type = try row.decode(column: "data_type", as: String.self)
            guard let kind = TableShape.Kind(rawValue: type) else {
                throw Problem(description: "\(table) has a column of type \(type), which this command doesn't know how to copy")
            }
            columns[table, default: []].append((try row.decode(column: "column_name", as: String.self), kind))
        }
        var shapes: [String: TableShape] = [:]
        for (table, list) in columns { shapes[table] = TableShape(name: table, columns: list.map { (name: $0.0, kind: $0.1) }) }
        return shapes
    }

    private static func sqliteTables(on database: any SQLDatabase) async throws -> [String] {
        try await database.raw(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_fluent_migrations' ORDER BY name"
        )
        .all().map { try $0.decode(column: "name", as: String.self) }
    }

    private static func foreignKeys(on database: any SQLDatabase) async throws -> [(table: String, name: String, definition: String)] {
        try await database.raw(
            """
            SELECT quote_ident(c.relname) AS tbl, quote_ident(con.conname) AS name, pg_get_constraintdef(con.oid) AS def
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE con.contype = 'f' AND n.nspname = current_schema()
            """
        ).all().map {
            (
                try $0.decode(column: "tbl", as: String.self), try $0.decode(column: "name", as: String.self),
                try $0.decode(column: "def", as: String.self)
            )
        }
    }

    /// Reads SQLite a page at a time by rowid and writes each page as one multi-row insert.
    private static func copy(
        _ shape: TableShape, from source: any SQLDatabase, to target: any SQLDatabase, progress: @Sendable (String, Int) -> Void
    ) async throws {
        let batch = max(1, min(2_000, 60_000 / max(1, shape.columns.count)))
        var after: Int64 = 0
        var copied = 0
        var reported = 0
        while true {
            let rows = try await source.raw(
                "SELECT rowid AS alongside_rowid, * FROM \(ident: shape.name) WHERE rowid > \(bind: after) ORDER BY rowid LIMIT \(bind: batch)"
            ).all()
            guard let last = rows.last else { break }
            after = try last.decode(column: "alongside_rowid", as: Int64.self)
            var insert = target.insert(into: shape.name).columns(shape.columns.map(\.name))
            for row in rows {
                insert = insert.values(try shape.columns.map { SQLBind(try shape.value(row, $0.name, $0.kind)) })
            }
            try await insert.run()
            copied += rows.count
            if copied - reported >= 50_000 {
                progress(shape.name, copied)
                reported = copied
            }
        }
        if copied > reported { progress(shape.name, copied) }
    }

    static func sum(_ shape: TableShape, on database: any SQLDatabase, sqlite: Bool) async throws -> TableSum {
        var sum = TableSum()
        if sqlite {
            var after: Int64 = 0
            while true {
                let rows = try await database.raw(
                    "SELECT rowid AS alongside_rowid, * FROM \(ident: shape.name) WHERE rowid > \(bind: after) ORDER BY rowid LIMIT 5000"
                ).all()
                guard let last = rows.last else { break }
                after = try last.decode(column: "alongside_rowid", as: Int64.self)
                for row in rows { sum.add(try shape.canonical(row)) }
            }
        } else {
            var after = "(0,0)"
            while true {
                let rows = try await database.raw(
                    "SELECT ctid::text AS alongside_ctid, * FROM \(ident: shape.name) WHERE ctid > \(bind: after)::tid ORDER BY ctid LIMIT 5000"
                ).all()
                guard let last = rows.last else { break }
                after = try last.decode(column: "alongside_ctid", as: String.self)
                for row in rows { sum.add(try shape.canonical(row)) }
            }
        }
        return sum
    }
}
