import AlongsideDomain
import Testing

/// Where someone may be sent after signing in: only a path on this site.
@Suite struct LocalPathTests {
    static let local = [
        "/", "/home", "/relationships/6f1c1e7a-8a44-4a0b-9d1e-0c8f3f9a1b2c", "/caseload?sort=stage",
        "/a%20b", "/conversations/1/edit", "/relationships?page=2&sort=quiet",
    ]

    /// Targets browsers read as another site, or that hide one.
    static let elsewhere = [
        "", "home", "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example/",
        "/\n/evil.example", "/\r/evil.example", "/ /evil.example", "/%09/evil.example", "/%2F/evil.example", "/%2f%2fevil.example",
        "/%5Cevil.example", "/%5cevil.example", "/%0D%0A/evil.example", "https://evil.example", "/x?u=https://evil.example",
        "/x?u=https%3A%2F%2Fevil.example", "javascript:alert(1)", "/\u{3000}/evil.example", "/\u{FF0F}evil.example",
        "/\u{2215}evil.example", "/\u{200B}/evil.example", "/\u{00A0}/evil.example", "/%E3%80%80/evil.example", "/%", "/%zz",
        "/%0", "/\u{0}", "/a\u{7F}", String(repeating: "/a", count: 300),
    ]

    @Test(arguments: local) func ourOwnPathsAreFollowed(_ path: String) {
        #expect(LocalPath.isSafe(path), "\(path)")
        #expect(LocalPath.validated(path) == path)
    }

    @Test(arguments: elsewhere) func anythingThatCouldLeadElsewhereIsRefused(_ path: String) {
        #expect(!LocalPath.isSafe(path), "\(path.debugDescription)")
        #expect(LocalPath.validated(path) == nil)
    }
}
