import AlongsideDomain
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct SecurityHeadersTests {
    static func expectHardened(_ headers: HTTPHeaders, _ label: String) {
        let csp = headers.first(name: "Content-Security-Policy") ?? ""
        #expect(csp.contains("default-src 'self'"), "\(label)")
        #expect(!csp.contains("unsafe-inline"), "\(label)")
        #expect(headers.first(name: "X-Content-Type-Options") == "nosniff", "\(label)")
        #expect(headers.first(name: "Referrer-Policy") == "no-referrer", "\(label)")
        #expect(headers.first(name: "X-Frame-Options") == "DENY", "\(label)")
    }

    @Test func everyKindOfResponseCarriesTheSecurityHeaders() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = context.client()
            for path in ["/login", "/no-such-page", "/healthz", "/assets/site.css", "/home"] {
                Self.expectHardened(try await client.get(path).headers, path)
            }
            let peer = try await context.signedInClient("peer@demo.alongside.test")
            let forbidden = try await peer.get("/admin/accounts")
            #expect(forbidden.status == .forbidden)
            Self.expectHardened(forbidden.headers, "403")
        }
    }

    @Test func pagesAreNeverCachedButTheStylesheetIs() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = try await context.signedInClient("admin@demo.alongside.test")
            #expect(try await client.get("/admin/accounts").headers.first(name: .cacheControl) == "no-store")
            #expect(try await client.get("/no-such-page").headers.first(name: .cacheControl) == "no-store")
            let css = try await client.get("/assets/site.css")
            #expect(css.headers.first(name: .cacheControl)?.contains("max-age") == true)
            #expect(css.headers.contentType == .css)
        }
    }

    @Test func pagesHaveNoInlineScriptOrStyle() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let client = try await context.signedInClient("admin@demo.alongside.test")
            for path in ["/home", "/admin/accounts", "/admin/invites/new", "/admin/audit", "/account/password", "/admin/mail"] {
                let body = try await client.get(path).body
                // Only the app's own script files, never script written into the page.
                let scripts = body.components(separatedBy: "<script").dropFirst()
                #expect(scripts.count == 2, "\(path)")
                #expect(
                    scripts.allSatisfy {
                        $0.hasPrefix(" src=\"/assets/drafts.js\" defer></script>") || $0.hasPrefix(" src=\"/assets/menu.js\"></script>")
                    }, "\(path)")
                #expect(!body.contains("style="), "\(path)")
            }
        }
    }

    @Test func compressedRequestBodiesAreNotInflated() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let tester = try context.app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            let login = try await tester.sendRequest(.GET, "/login")
            let token = try #require(TestClient.csrfToken(in: login.body.string))
            let cookie = try #require(login.headers.setCookie?[CSRFMiddleware.cookieName]?.string)
            let form = TestClient.encode([
                ("_csrf", token), ("email", "peer@demo.alongside.test"),
                ("password", TestContext.demoPassword),
            ])
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.add(name: .contentEncoding, value: "gzip")
            headers.add(name: .cookie, value: "\(CSRFMiddleware.cookieName)=\(cookie)")
            let response = try await tester.sendRequest(
                .POST, "/login", headers: headers,
                body: ByteBuffer(bytes: Gzip.stored(Array(form.utf8))))
            // Had the server inflated the body, this would have been a successful sign-in.
            #expect(response.status == .forbidden)
            #expect(response.headers.setCookie?[SessionStore.cookieName] == nil)
        }
    }

    @Test func largeBodiesAreRefused() async throws {
        try await withTestApp { context in
            let tester = try context.app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            let login = try await tester.sendRequest(.GET, "/login")
            let token = try #require(TestClient.csrfToken(in: login.body.string))
            let cookie = try #require(login.headers.setCookie?[CSRFMiddleware.cookieName]?.string)
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.add(name: .cookie, value: "\(CSRFMiddleware.cookieName)=\(cookie)")
            let huge = TestClient.encode([("_csrf", token), ("email", String(repeating: "a", count: 300 * 1024)), ("password", "x")])
            let response = try await tester.sendRequest(.POST, "/login", headers: headers, body: ByteBuffer(string: huge))
            #expect(response.status == .payloadTooLarge)
            #expect(response.body.string.contains("That was too much to send at once"))
        }
    }

    @Test func internalErrorsShowAReferenceAndNeverTheirReason() async throws {
        try await withTestApp { context in
            context.app.get("boom") { _ -> String in
                throw Abort(.internalServerError, reason: "connection to db-secret-host refused")
            }.performs(.checkHealth)
            context.app.get("teapot") { _ -> String in
                throw Abort(.badRequest, reason: "internal parser state 0xdeadbeef")
            }.performs(.checkHealth)
            let client = context.client()
            let boom = try await client.get("/boom?token=abc123")
            #expect(boom.status == .internalServerError)
            #expect(!boom.contains("db-secret-host"))
            #expect(boom.contains("Something went wrong on our side"))
            #expect(boom.contains("<code>"))
            Self.expectHardened(boom.headers, "500")
            let teapot = try await client.get("/teapot")
            #expect(teapot.status == .badRequest)
            #expect(!teapot.contains("0xdeadbeef"))
            #expect(!LogCapture.shared.all.contains("token=abc123"), "query strings stay out of the logs")
            #expect(LogCapture.shared.all.contains("db-secret-host"), "the detail is logged for whoever runs the server")
        }
    }

    @Test func healthAndReadinessProbesAnswer() async throws {
        try await withTestApp { context in
            let client = context.client()
            #expect(try await client.get("/healthz").status == .ok)
            let ready = try await client.get("/readyz")
            #expect(ready.status == .ok)
            #expect(ready.body == "ready\n")
        }
    }
}

/// A gzip stream with stored (uncompressed) deflate blocks: enough to tell whether a server inflates.
enum Gzip {
    static func stored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]
        let length = UInt16(data.count)
        out += [1, UInt8(length & 0xff), UInt8(length >> 8), UInt8(~length & 0xff), UInt8(~length >> 8)]
        out += data
        out += littleEndian(crc32(data)) + littleEndian(UInt32(data.count))
        return out
    }

    private static func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8((value >> (8 * $0)) & 0xff) }
    }

    private static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xffff_ffff
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xedb8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
