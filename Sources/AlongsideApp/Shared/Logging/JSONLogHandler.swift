import Foundation
import Logging
import Synchronization

/// One JSON object per line, for a log collector: time, level, where it came from, the message,
/// and every metadata value as its own field. What is logged is the same as on the console (no
/// note's words, no query strings); only the shape changes. `ALONGSIDE_LOG_FORMAT=json`.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let write: @Sendable (String) -> Void

    init(label: String, level: Logger.Level, write: @escaping @Sendable (String) -> Void = JSONLogHandler.standardOutput) {
        self.label = label
        logLevel = level
        self.write = write
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        write(Self.line(event, label: label, metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
    }

    static func line(_ event: LogEvent, label: String, metadata: Logger.Metadata, at time: Date = Date()) -> String {
        var fields: [String: String] = [:]
        for (key, value) in metadata { fields[key] = "\(value)" }
        fields["time"] = time.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        fields["level"] = event.level.rawValue
        fields["label"] = label
        fields["message"] = "\(event.message)"
        fields["source"] = event.source
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private static let output = Mutex(())

    static let standardOutput: @Sendable (String) -> Void = { line in
        output.withLock { _ in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    }
}
