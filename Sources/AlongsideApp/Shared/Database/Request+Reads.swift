import Fluent
import SQLKit
import Vapor

extension Application {
    private struct ReadConnectionsKey: StorageKey { typealias Value = SQLiteReadConnections }

    /// Set when the service runs on an SQLite file: see `SQLiteReader`.
    var readConnections: SQLiteReadConnections? {
        get { storage[ReadConnectionsKey.self] }
        set { storage[ReadConnectionsKey.self] = newValue }
    }
}

extension Request {
    /// Where a read outside any transaction goes: on SQLite, straight to the file on this thread
    /// (`SQLiteReader`); on PostgreSQL, the pool as always. Never for a read that must see a
    /// transaction's own writes: pass that transaction's database instead.
    var reads: any SQLDatabase {
        if let connections = application.readConnections {
            return SQLiteReader(connections: connections, logger: logger, eventLoop: eventLoop)
        }
        return db as! any SQLDatabase
    }

    /// `reads` for Fluent's model queries: reads go to the file directly on SQLite, while anything
    /// else asked of it (a write, a transaction) goes to the pool as through `db`.
    var readDB: any Database {
        if let reader = reads as? SQLiteReader { return FluentReadDatabase(underlying: db, reader: reader) }
        return db
    }
}

/// Closes the reading connections when the service stops.
struct ReadConnectionsClosing: LifecycleHandler {
    func shutdown(_ application: Application) {
        application.readConnections?.close()
    }
}
