import AlongsideDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import AlongsideApp

/// Markup is escaped unless code says otherwise: hand-written HTML is `Markup`, whose
/// interpolation escapes, and Plot attributes go through `safeAttribute`, which escapes.
@Suite struct MarkupSafetyTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/AlongsideApp")

    static func appSources() throws -> [(name: String, text: String)] {
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        return try files.filter { $0.hasSuffix(".swift") }.sorted().map { name in
            (name, try String(contentsOf: sources.appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// The ways around escaping, each allowed only where escaping itself is written.
    static let forbidden: [(pattern: String, allowedIn: Set<String>, why: String)] = [
        (".attribute(named:", ["Shared/Views/HTMLEscaping.swift"], "Plot writes attribute values raw: use safeAttribute"),
        ("attributeEscaped", ["Shared/Views/HTMLEscaping.swift", "Shared/Views/Markup.swift"], "interpolate into Markup instead"),
        ("Node<HTML.BodyContext>.raw", ["Shared/Views/Markup.swift"], "write Markup and use .component"),
        (".raw(html", [], "write Markup and use .component"),
    ]

    @Test func noViewWritesMarkupAroundTheEscaping() throws {
        let files = try Self.appSources()
        #expect(files.count > 50, "found the app's sources")
        for (name, text) in files {
            for rule in Self.forbidden where !rule.allowedIn.contains(name) {
                #expect(!text.contains(rule.pattern), "\(name) uses \(rule.pattern): \(rule.why)")
            }
        }
    }

    /// A view is given a `Viewer` and the models its controller loaded through the record door:
    /// never the request, so it can't query the database or read a record on its own.
    @Test func noViewIsGivenTheRequestOrTheDatabase() throws {
        let views = try Self.appSources().filter {
            $0.name.hasSuffix("View.swift") || $0.name.hasSuffix("Views.swift") || $0.name.hasSuffix("Section.swift")
        }
        #expect(views.count > 30, "found the views")
        for (name, text) in views {
            for pattern in ["Request", ".db", "import Fluent", "SQLDatabase"] {
                #expect(!text.contains(pattern), "\(name) uses \(pattern): give it what it shows instead")
            }
        }
    }

    @Test func interpolatedWordsAreEscapedAndRawIsExplicit() {
        let name = #"Kim"><meta http-equiv="refresh" content="0;url=//evil.example">"#
        let markup: Markup = "<button aria-label=\"End \(name)\">\(name)</button>"
        #expect(!markup.description.contains("<meta"))
        #expect(markup.description.contains("&quot;&gt;&lt;meta"))
        let trusted: Markup = "<p>\(raw: "<em>ours</em>")</p>"
        #expect(trusted.description == "<p><em>ours</em></p>")
    }

    static let hostile = #"Ana"'><x-hostile onload=alert(1)>&amp;"#

    /// Every text column a person can fill, and every name, made hostile; then every page, as
    /// everyone who can see it. Nothing hostile may come back as markup.
    @Test func everyScreenEscapesAHostileValueInEveryField() async throws {
        try await withTestApp { context in
            try await context.seedDemo(journeys: true)
            let parameters = try await RouteFixture.make(context)
            // Structured JSON lives in these; their words are covered through the forms' own tests.
            let structured: Set<String> = ["billing_records.entries", "safety_plans.content", "safety_plan_versions.content"]
            for (table, columns) in FreeTextColumns.all {
                for column in columns where !structured.contains("\(table).\(column)") {
                    try await context.sql.update(table).set(SQLIdentifier(column), to: SQLBind.sealed(Self.hostile))
                        .where(SQLIdentifier(column), .isNot, SQLLiteral.null).run()
                }
            }
            try await context.sql.update("accounts").set("display_name", to: SQLBind(Self.hostile)).run()
            try await context.sql.update("organisations").set("name", to: SQLBind(Self.hostile)).run()

            var pagesRead = 0
            for route in context.app.routes.all where route.method == .GET {
                var path = "/" + route.path.map(\.description).joined(separator: "/")
                for (name, value) in parameters { path = path.replacingOccurrences(of: name, with: value) }
                for role in Role.allCases {
                    let session = try await context.directSession(for: try await context.demoAccount(role))
                    let client = context.client()
                    client.setCookie(SessionStore.cookieName, session.cookie)
                    let page = try await client.get(path)
                    #expect(page.status.code < 500, "GET \(path) as \(role) answered \(page.status.code)")
                    // Plain text (the safety plan for a phone) and iCalendar are not markup: their own tests cover them.
                    guard page.headers.contentType == .html else { continue }
                    #expect(!page.body.contains("<x-hostile"), "GET \(path) as \(role) wrote a hostile value as markup")
                    #expect(!page.body.contains("'><"), "GET \(path) as \(role) closed an attribute early")
                    if page.status == .ok { pagesRead += 1 }
                }
            }
            #expect(pagesRead > 40, "the hostile values were shown on many pages, escaped")
        }
    }
}
