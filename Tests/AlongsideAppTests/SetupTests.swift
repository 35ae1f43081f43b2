import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct SetupTests {
    static let good: [(String, String)] = [
        ("organisation", "Riverside Peers"), ("name", "Ana Lee"), ("email", "Ana@Example.org "),
        ("password", "quiet morning walks"), ("confirmation", "quiet morning walks"),
    ]

    static func with(_ field: String, _ value: String) -> [(String, String)] {
        good.map { $0.0 == field ? (field, value) : $0 }
    }

    @Test func anEmptyDatabaseLeadsToSetup() async throws {
        try await withTestApp { context in
            let page = try await context.client().get("/")
            #expect(page.status == .seeOther)
            #expect(page.location == "/setup")
        }
    }

    @Test func setupCreatesTheOrganisationAndItsAdminThenDisappears() async throws {
        try await withTestApp { context in
            let client = context.client()
            try await client.get("/setup")
            let done = try await client.post("/setup", Self.good)
            #expect(done.location == "/home")
            let home = try await client.get("/home")
            #expect(home.contains("Hello, Ana Lee"))
            #expect(home.contains("Riverside Peers"))
            let admin = try await context.account("ana@example.org")
            #expect(
                try await AccountQueries.roles(
                    of: try admin.requireID(), organisationID: admin.$organisation.id,
                    on: context.db) == [.admin])
            #expect(try await context.auditEntries(action: Action.runFirstSetup.rawValue).count == 1)

            let anyone = context.client()
            #expect(try await anyone.get("/setup").status == .notFound)
            try await anyone.get("/login")
            #expect(try await anyone.post("/setup", Self.with("email", "second@example.org")).status == .notFound)
            #expect(try await Organisation.query(on: context.db).count() == 1)
        }
    }

    @Test(arguments: [
        ("organisation", "", "Enter your organisation's name."),
        ("organisation", String(repeating: "o", count: 121), "Keep your organisation's name to 120 characters or fewer"),
        ("name", "   ", "Enter your name."),
        ("name", String(repeating: "n", count: 101), "Keep your name to 100 characters or fewer"),
        ("email", "", "Enter an email address."),
        ("email", "ana.example.org", "Enter an email address like name@example.org."),
        ("email", String(repeating: "e", count: 250) + "@x.org", "An email address can be at most 254 characters."),
        ("password", "short", "Use at least 12 characters (this has 5)."),
        ("password", "1qaz2wsx3edc", "This is one of the most common passwords"),
        ("confirmation", "quiet morning talks", "The two passwords don&#39;t match"),
    ])
    func badInputIsExplainedNextToTheFieldKeptAndNothingIsStored(field: String, value: String, message: String) async throws {
        try await withTestApp { context in
            let client = context.client()
            try await client.get("/setup")
            var fields = Self.with(field, value)
            if field == "password" { fields = fields.map { $0.0 == "confirmation" ? ($0.0, value) : $0 } }
            let page = try await client.post("/setup", fields)
            #expect(page.status == .unprocessableEntity)
            let plain = page.body.replacingOccurrences(of: "'", with: "&#39;")
            #expect(plain.contains(message) || page.contains(message), "missing message: \(message)")
            #expect(page.contains("id=\"\(field)-error\""))
            #expect(page.contains("value=\"Riverside Peers\"") || field == "organisation")
            #expect(!page.contains("quiet morning walks"), "passwords are never sent back")
            #expect(try await Organisation.query(on: context.db).count() == 0)
            #expect(try await Account.query(on: context.db).count() == 0)
        }
    }

    @Test func typedMarkupIsKeptAsTextAndNeverRunsAsHTML() async throws {
        try await withTestApp { context in
            let client = context.client()
            try await client.get("/setup")
            let page = try await client.post(
                "/setup",
                Self.with("organisation", "\"><script>alert(1)</script>").map {
                    $0.0 == "email" ? ($0.0, "not-an-email") : $0
                })
            #expect(page.status == .unprocessableEntity)
            #expect(!page.contains("<script>alert(1)</script>"))
            #expect(page.contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
        }
    }
}
