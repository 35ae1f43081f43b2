import Foundation
import Logging
import Synchronization
import Testing

@testable import AlongsideApp

/// With `ALONGSIDE_LOG_FORMAT=json` each entry is one JSON object with who, what, when and where.
@Suite struct JSONLogTests {
    @Test func anEntryIsOneLineOfJSONWithEveryFieldOnItsOwn() throws {
        let lines = Mutex([String]())
        var logger = Logger(label: "alongside.test") { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "correlation"] = "abc123"
        logger.info("GET /caseload 200", metadata: ["account": "a1", "organisation": "o1", "path": "/caseload", "status": "200"])
        logger.debug("not at this level")
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(!line.contains("\n"))
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(fields["message"] == "GET /caseload 200")
        #expect(fields["level"] == "info")
        #expect(fields["account"] == "a1" && fields["organisation"] == "o1", "who")
        #expect(fields["path"] == "/caseload" && fields["status"] == "200", "what and where")
        #expect(fields["correlation"] == "abc123")
        #expect(fields["time"]?.hasPrefix("20") == true && fields["time"]?.hasSuffix("Z") == true, "when, in UTC")
    }
}
