import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct CSRFTests {
    @Test func aFormWithoutItsTokenIsRefusedAndChangesNothing() async throws {
        try await withTestApp { context in
            let client = context.client()
            try await client.get("/setup")
            let page = try await client.post(
                "/setup",
                [
                    ("organisation", "Riverside Peers"), ("name", "Ana Lee"), ("email", "ana@example.org"),
                    ("password", "quiet morning walks"), ("confirmation", "quiet morning walks"),
                ], csrf: false)
            #expect(page.status == .forbidden)
            #expect(page.contains("This form has expired"))
            #expect(try await Organisation.query(on: context.db).count() == 0)
        }
    }

    @Test func aWrongTokenIsRefused() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = try await context.signedInClient("admin@demo.alongside.test")
            let tama = try await context.account("tama.wiremu@demo.alongside.test")
            let page = try await client.post(
                "/admin/accounts/\(try tama.requireID().uuidString)/deactivate",
                [("_csrf", SecretToken.generate())])
            #expect(page.status == .forbidden)
            #expect(try await context.account("tama.wiremu@demo.alongside.test").isActive)
        }
    }

    @Test func theVisitorTokenDoesNotWorkOnceSignedIn() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = context.client()
            try await client.get("/login")
            let visitorToken = try #require(client.lastCSRF)
            try await client.post("/login", [("email", "admin@demo.alongside.test"), ("password", TestContext.demoPassword)])
            let tama = try await context.account("tama.wiremu@demo.alongside.test")
            let page = try await client.post(
                "/admin/accounts/\(try tama.requireID().uuidString)/deactivate",
                [("_csrf", visitorToken)])
            #expect(page.status == .forbidden)
            #expect(try await context.account("tama.wiremu@demo.alongside.test").isActive)
        }
    }
}
