import AlongsideDomain
import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import AlongsideApp

/// The JSON API: the same people, records and checks as the pages, reached with a token.
@Suite struct APITests {
    static func json(_ page: TestClient.Page) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any], "\(page.body)")
    }

    static func client(_ context: TestContext, _ role: Role, scopes: TokenScopes? = nil) async throws -> TestClient {
        let client = context.client()
        let account = try await context.demoAccount(role)
        if let scopes {
            client.bearer = try await context.directToken(for: account, scopes: scopes)
        } else {
            client.bearer = try await context.directToken(for: account)
        }
        return client
    }

    @Test func aPeerWorkersTokenPagesThroughTheirOwnRelationshipsAndNoOneElses() async throws {
        try await withTestApp { context in
            try await context.seedDemo(journeys: true)
            let worker = try await context.demoAccount(.peerWorker)
            let own = try await Relationship.query(on: context.db).filter(\.$workerID == worker.requireID()).all()
            #expect(own.count >= 3)
            let client = try await Self.client(context, .peerWorker)
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await client.get("/api/v1/relationships?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(page.status == .ok)
                let body = try Self.json(page)
                let items = try #require(body["items"] as? [[String: Any]])
                #expect(items.count <= 2)
                seen += items.compactMap { $0["id"] as? String }
                cursor = body["nextCursor"] as? String
            } while cursor != nil
            #expect(Set(seen) == Set(try own.map { try $0.requireID().uuidString.lowercased() }))
            #expect(seen.count == Set(seen).count, "a relationship came twice across pages")

            // Synchronising: nothing changed after now, so nothing comes back.
            let later = ISO8601DateFormatter().string(from: context.clock.now.addingTimeInterval(60))
            let none = try Self.json(try await client.get("/api/v1/relationships?updatedSince=\(later)"))
            #expect((none["items"] as? [Any])?.isEmpty == true)

            // A coordinator's token lists the whole service; a cursor we didn't give is refused.
            let coordinator = try await Self.client(context, .coordinator)
            let all = try Self.json(try await coordinator.get("/api/v1/relationships?limit=100"))
            let total = try await Relationship.query(on: context.db).count()
            #expect((all["items"] as? [Any])?.count == min(total, 100))
            let forged = try await coordinator.get("/api/v1/relationships?cursor=not-ours")
            #expect(forged.status == .badRequest)
            #expect(forged.headers.first(name: .contentType) == "application/problem+json")
        }
    }

    @Test func aConversationSentThroughTheAPIIsCheckedLikeTheFormAndReadBackWithoutTheReflection() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let parameters = try await RouteFixture.make(context)
            let relationship = try #require(parameters[":relationshipID"])
            let client = try await Self.client(context, .peerWorker)
            let before = try await Conversation.query(on: context.db).count()

            let refused = try await client.sendJSON(
                .POST, "/api/v1/relationships/\(relationship)/conversations", #"{"occurredAt":"yesterday","minutes":0,"mode":"phone"}"#)
            #expect(refused.status == .unprocessableEntity)
            let problem = try Self.json(refused)
            let errors = try #require(problem["errors"] as? [[String: String]])
            let byField = Dictionary(uniqueKeysWithValues: errors.map { ($0["field"] ?? "", $0["message"] ?? "") })
            // The form's own words, from the one parser.
            #expect(byField["minutes"] == "A conversation lasts at least a minute.")
            #expect(byField["reachedOut"] == "Say who reached out.")
            #expect(byField["occurredAt"] != nil)
            #expect(try await Conversation.query(on: context.db).count() == before, "a refused note saved something")
            // Who else was in a group is chosen on the page, never half-written through the API.
            let anHourAgo = ISO8601DateFormatter().string(from: context.clock.now.addingTimeInterval(-3_600))
            let group = try await client.sendJSON(
                .POST, "/api/v1/relationships/\(relationship)/conversations",
                #"{"occurredAt":"\#(anHourAgo)","minutes":30,"mode":"group","reachedOut":"peer"}"#)
            #expect(group.status == .unprocessableEntity)
            #expect(group.contains("where you choose who else was there"))

            let when = ISO8601DateFormatter().string(from: context.clock.now.addingTimeInterval(-3_600))
            let saved = try await client.sendJSON(
                .POST, "/api/v1/relationships/\(relationship)/conversations",
                #"{"occurredAt":"\#(when)","minutes":40,"mode":"phone","reachedOut":"peer","sharedNote":"Walked by the river <b>together</b>.","privateReflection":"Only mine."}"#
            )
            #expect(saved.status == .created, "\(saved.body)")
            let note = try Self.json(saved)
            let id = try #require(note["id"] as? String)
            #expect(note["sharedNote"] as? String == "Walked by the river <b>together</b>.")
            #expect(!saved.contains("Only mine."))

            let read = try await client.get("/api/v1/conversations/\(id)")
            #expect(read.status == .ok)
            #expect(!read.contains("Only mine."))
            // The same note on the web page, escaped like any other.
            let web = try await context.signedInClient("\(Role.peerWorker.rawValue)@\(DemoData.emailDomain)")
            let page = try await web.get("/conversations/\(id)")
            #expect(page.contains("Walked by the river &lt;b&gt;together&lt;/b&gt;."))
            #expect(try await context.auditEntries(action: Action.recordConversation.rawValue).contains { $0.targetID == id.uppercased() })
            // Each use of the token is in the audit trail, by its token's id.
            let uses = try await AuditEntry.query(on: context.db).filter(\.$targetKind == "accessToken").count()
            #expect(uses >= 3)
        }
    }

    @Test func aTokenReachesOnlyItsAreasAtItsLevelAndStopsWhenRevoked() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let parameters = try await RouteFixture.make(context)
            let relationship = try #require(parameters[":relationshipID"])
            let readJourney = try await Self.client(context, .peerWorker, scopes: TokenScopes([.journey: .read]))
            #expect(try await readJourney.get("/api/v1/relationships/\(relationship)").status == .ok)
            let notes = try await readJourney.get("/api/v1/relationships/\(relationship)/conversations")
            #expect(notes.status == .forbidden)
            #expect(notes.contains("doesn't reach conversations"))
            let move = try await readJourney.sendJSON(
                .POST, "/api/v1/relationships/\(relationship)/moves",
                #"{"to":"working_partnership","initiatedBy":"both","expectedPosition":1}"#)
            #expect(move.status == .forbidden)
            #expect(move.contains("may not change"))

            // A token never reaches beyond its person: a coordinator's token can't read notes.
            let coordinator = try await Self.client(context, .coordinator)
            #expect(try await coordinator.get("/api/v1/relationships/\(relationship)/conversations").status == .forbidden)

            // Revoked, or its person deactivated: the token is simply unknown.
            try await AccessTokenRecord.query(on: context.db).set(\.$revokedAt, to: context.clock.now).update()
            let revoked = try await readJourney.get("/api/v1/relationships/\(relationship)")
            #expect(revoked.status == .unauthorized)
            #expect(revoked.headers.first(name: .wwwAuthenticate)?.contains("invalid_token") == true)
        }
    }

    /// A token made with a stolen session must not outlive the owner's recovery.
    @Test func changingThePasswordOrSwitchingTheAccountOffStopsEveryToken() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let api = try await Self.client(context, .peerWorker)
            #expect(try await api.get("/api/v1/relationships").status == .ok)
            let web = try await context.signedInClient("\(Role.peerWorker.rawValue)@\(DemoData.emailDomain)")
            try await web.get("/account/password")
            try await web.post(
                "/account/password",
                [
                    ("current", TestContext.demoPassword), ("password", "a new song for the morning"),
                    ("confirmation", "a new song for the morning"),
                ])
            #expect(try await api.get("/api/v1/relationships").status == .unauthorized)

            // Switched off and on again by an admin: the token made before stays stopped.
            let coordinator = try await Self.client(context, .coordinator)
            #expect(try await coordinator.get("/api/v1/relationships").status == .ok)
            let admin = try await context.signedInClient("\(Role.admin.rawValue)@\(DemoData.emailDomain)")
            let id = try await context.demoAccount(.coordinator).requireID().uuidString
            try await admin.get("/admin/accounts/\(id)")
            try await admin.post("/admin/accounts/\(id)/deactivate")
            try await admin.get("/admin/accounts/\(id)")
            try await admin.post("/admin/accounts/\(id)/reactivate")
            #expect(try await coordinator.get("/api/v1/relationships").status == .unauthorized)
        }
    }

    @Test func aSessionCookieOpensNothingOnTheAPIAndATokenOpensNoPage() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let web = try await context.signedInClient("\(Role.peerWorker.rawValue)@\(DemoData.emailDomain)")
            let viaCookie = try await web.get("/api/v1/relationships")
            #expect(viaCookie.status == .unauthorized)
            // The router reads `//api/v1/…` as the API too: so must the cookie check.
            #expect(try await web.get("//api/v1/relationships").status != .ok)
            let api = try await Self.client(context, .peerWorker)
            let page = try await api.get("/caseload")
            #expect(page.status == .seeOther)
            #expect(page.location?.hasPrefix("/login") == true)
        }
    }

    @Test func aStaleMoveIsRefusedWithNothingSavedAndAFreshOneIsSaved() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let parameters = try await RouteFixture.make(context)
            let relationship = try #require(parameters[":relationshipID"])
            let client = try await Self.client(context, .peerWorker)
            let detail = try Self.json(try await client.get("/api/v1/relationships/\(relationship)"))
            let journey = try #require(detail["journey"] as? [[String: Any]])
            let stale = try await client.sendJSON(
                .POST, "/api/v1/relationships/\(relationship)/moves",
                #"{"to":"working_partnership","initiatedBy":"both","reason":"We agreed.","expectedPosition":\#(journey.count + 5)}"#)
            #expect(stale.status == .conflict)
            let moved = try await client.sendJSON(
                .POST, "/api/v1/relationships/\(relationship)/moves",
                #"{"to":"working_partnership","initiatedBy":"both","reason":"We agreed.","expectedPosition":\#(journey.count)}"#)
            #expect(moved.status == .created, "\(moved.body)")
            let after = try Self.json(moved)
            #expect(after["stage"] as? String == "working_partnership")
            #expect((after["journey"] as? [Any])?.count == journey.count + 1)
        }
    }

    @Test func malformedRequestsAreAnsweredAsProblemsNeverAsServerErrors() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let parameters = try await RouteFixture.make(context)
            let relationship = try #require(parameters[":relationshipID"])
            let client = try await Self.client(context, .peerWorker)
            let path = "/api/v1/relationships/\(relationship)/conversations"
            let cases: [(String, String, String, HTTPResponseStatus)] = [
                ("not JSON", "{", "application/json", .badRequest),
                ("a field of the wrong type", #"{"occurredAt":"x","minutes":"forty","mode":"phone"}"#, "application/json", .badRequest),
                ("a form instead of JSON", "minutes=40", "application/x-www-form-urlencoded", .unsupportedMediaType),
                ("a huge number", #"{"occurredAt":"x","minutes":1e400,"mode":"phone"}"#, "application/json", .badRequest),
                ("deep nesting", String(repeating: "[", count: 5_000), "application/json", .badRequest),
            ]
            for (name, body, type, status) in cases {
                let page = try await client.sendJSON(.POST, path, body, contentType: type)
                #expect(page.status == status, "\(name): \(page.status) \(page.body)")
                #expect(page.headers.first(name: .contentType) == "application/problem+json", "\(name)")
                #expect(!page.contains("DecodingError") && !page.contains("Swift."), "\(name) leaked internals: \(page.body)")
            }
            let unknown = try await client.get("/api/v1/relationships/\(UUID().uuidString)")
            #expect(unknown.status == .notFound)
            let notAnID = try await client.get("/api/v1/conversations/not-an-id")
            #expect(notAnID.status == .notFound)
            let spec = try await context.client().get("/api/v1/openapi.json")
            #expect(spec.status == .ok)
            #expect(try Self.json(spec)["openapi"] as? String == "3.1.0")
        }
    }

    @Test func aTokenIsMadeOnItsPageShownOnceAndOnlyItsHashIsKept() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let web = try await context.signedInClient("\(Role.peerWorker.rawValue)@\(DemoData.emailDomain)")
            try await web.get("/account/tokens")
            let empty = try await web.post("/account/tokens", [("name", ""), ("journey", "read")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.contains("Give the token a name"))
            let nothing = try await web.post("/account/tokens", [("name", "Spreadsheet"), ("journey", "none")])
            #expect(nothing.contains("Choose at least one area"))
            #expect(nothing.contains("value=\"Spreadsheet\""))
            let made = try await web.post(
                "/account/tokens", [("name", "Funder's report"), ("journey", "read"), ("conversations", "write"), ("plans", "none")])
            #expect(made.status == .ok)
            let secret = try #require(
                made.body.range(of: #"alt_[A-Za-z0-9_-]{43}"#, options: .regularExpression).map { String(made.body[$0]) })
            let stored = try #require(try await AccessTokenRecord.query(on: context.db).first())
            #expect(stored.tokenHash == SecretToken.hash(secret))
            #expect(stored.tokenScopes == TokenScopes([.journey: .read, .conversations: .write]))
            let rows = try await (context.db as! any SQLDatabase).raw("SELECT * FROM access_tokens").all()
            #expect(rows.count == 1)
            // Shown once: the list shows its name and reach, never the secret again.
            let list = try await web.get("/account/tokens")
            #expect(list.contains("Funder&#39;s report") || list.contains("Funder&apos;s report") || list.contains("Funder's report"))
            #expect(!list.contains(secret))

            let api = context.client()
            api.bearer = secret
            #expect(try await api.get("/api/v1/relationships").status == .ok)
            let revoked = try await web.post("/account/tokens/\(try stored.requireID().uuidString.lowercased())/revoke")
            #expect(revoked.status == .seeOther)
            #expect(try await api.get("/api/v1/relationships").status == .unauthorized)
            // Someone else's token id is not found, and changes nothing.
            let other = try await context.signedInClient("\(Role.coordinator.rawValue)@\(DemoData.emailDomain)")
            try await other.get("/account/tokens")
            #expect(try await other.post("/account/tokens/\(try stored.requireID().uuidString.lowercased())/revoke").status == .notFound)
        }
    }
}
