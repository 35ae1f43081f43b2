import Foundation
import Logging
import Synchronization

/// Every log line the whole test run produces, so a test can prove secrets never reach the logs.
final class LogCapture: Sendable {
    static let shared = LogCapture()
    private let lines = Mutex<[String]>([])

    private static let bootstrap: Void = {
        LoggingSystem.bootstrap { label in CapturingHandler(label: label) }
    }()

    static func bootstrapOnce() { _ = bootstrap }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var all: String { lines.withLock { $0.joined(separator: "\n") } }

    struct CapturingHandler: LogHandler {
        let label: String
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let error = event.error.map { " error: \(String(reflecting: $0))" } ?? ""
            LogCapture.shared.append("\(event.level) \(label) \(event.message) \(merged)\(error)")
        }
    }
}
