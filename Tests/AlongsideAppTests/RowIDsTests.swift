import Foundation
import SQLKit
import Testing

@testable import AlongsideApp

/// Ids read from rows are parsed by hand for speed, so they must agree with Foundation exactly.
@Suite struct RowIDsTests {
    @Test func timeOrderedIdsSortByTheirTimeAndAreVersionSeven() {
        // The middle of each millisecond, so that rounding never gives two the same one.
        let start = Date(timeIntervalSince1970: 1_795_000_000.1235)
        let ids = (0..<1_000).map { UUID.timeOrdered(at: Date(timeIntervalSince1970: 1_795_000_000.1235 + Double($0) / 1000)) }
        let texts = ids.map(\.uuidString)
        #expect(texts == texts.sorted(), "later ids sort later, as the database compares their text")
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let text = id.uuidString
            #expect(Array(text)[14] == "7", "version 7")
            #expect("89AB".contains(Array(text)[19]), "the RFC's variant")
        }
        #expect(UUID.timeOrdered(at: start).uuidString.hasPrefix(String(format: "%08X", 1_795_000_000_123 >> 16)))
    }

    @Test func parsesWhatFoundationWritesInEitherCase() {
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(UUID(idText: id.uuidString) == id)
            #expect(UUID(idText: id.uuidString.lowercased()) == id)
        }
        #expect(UUID(idText: "00000000-0000-0000-0000-000000000000") == UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
    }

    @Test(arguments: [
        "", "not an id", "4CE3F0BD-EBE2-4978-AD88-91DA70BF7BD", "4CE3F0BD-EBE2-4978-AD88-91DA70BF7BD6A",
        "4CE3F0BDXEBE2-4978-AD88-91DA70BF7BD6", "4CE3F0BD-EBE2-4978-AD88-91DA70BF7BDG", "{4CE3F0BD-EBE2-4978-AD88-91DA70BF7B}",
        "4CE3F0BD-EBE2-4978-AD88-91DA70BF7BÉ",
    ])
    func refusesAnythingElse(text: String) {
        #expect(UUID(idText: text) == nil)
        #expect(UUID(uuidString: text) == nil, "Foundation agrees")
    }

    @Test func readsIdsTheSameOnEitherDatabase() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let sql = try #require(context.db as? any SQLDatabase)
            let rows = try await sql.raw("SELECT id, organisation_id, NULL AS absent FROM accounts").all()
            #expect(!rows.isEmpty)
            for row in rows {
                #expect(try row.decodeID(column: "id") == row.decode(column: "id", as: UUID.self))
                #expect(try row.decodeOptionalID(column: "organisation_id") == row.decode(column: "organisation_id", as: UUID.self))
                #expect(try row.decodeOptionalID(column: "absent") == nil)
            }
        }
    }
}
