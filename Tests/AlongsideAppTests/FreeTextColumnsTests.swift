import Fluent
import SQLKit
import Testing

@testable import AlongsideApp

/// The list of free-text columns is where field-level encryption will begin, so it must name
/// columns that really exist, on both databases.
@Suite struct FreeTextColumnsTests {
    @Test func everyListedFreeTextColumnExistsInTheSchema() async throws {
        try await withTestApp { context in
            let sql = try #require(context.db as? any SQLDatabase)
            for (table, columns) in FreeTextColumns.all {
                for column in columns {
                    // Selecting no rows still fails if the table or column is missing.
                    await #expect(throws: Never.self, "\(table).\(column)") {
                        _ = try await sql.select().column(SQLIdentifier(column)).from(table).limit(0).all()
                    }
                }
            }
        }
    }
}
