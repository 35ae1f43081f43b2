import Foundation
import NIOCore
import NIOPosix
import SQLiteNIO
import Vapor

/// An SQLite database file seen on its own: its tables' row counts, its integrity, its digest.
enum SQLiteSnapshot {
    /// Opens the file at `path`, runs `body`, and closes it.
    static func with<T: Sendable>(
        _ path: String, threadPool: NIOThreadPool, on eventLoop: any EventLoop, _ body: (SQLiteConnection) async throws -> T
    )
        async throws -> T
    {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, on: eventLoop)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Every table's rows, by name.
    static func counts(_ connection: SQLiteConnection) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        let tables = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        for table in tables.compactMap({ $0.column("name")?.string }) {
            let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            counts[table] = try await connection.query("SELECT COUNT(*) AS n FROM \(quoted)").first?.column("n")?.integer ?? 0
        }
        return counts
    }

    /// `PRAGMA integrity_check`'s answer: nil when it says ok.
    static func integrityProblem(_ connection: SQLiteConnection) async throws -> String? {
        let answer = try await connection.query("PRAGMA integrity_check").compactMap { $0.columns.first?.data.string }
        return answer == ["ok"] ? nil : answer.prefix(5).joined(separator: "; ")
    }

    static func sha256(of path: String) throws -> String {
        guard let input = FileHandle(forReadingAtPath: path) else { throw BackupFile.Problem(description: "\(path) can't be read") }
        defer { try? input.close() }
        var hash = SHA256()
        while let chunk = try input.read(upToCount: BackupFile.chunkSize), !chunk.isEmpty { hash.update(data: chunk) }
        return hash.finalize().hex
    }
}
