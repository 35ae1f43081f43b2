import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

/// Nothing typed is lost when a session ends: the form is held for its writer and saved with one
/// tap after signing in again.
@Suite struct ResumeTests {
    static let words = "We sat by the river and she told me about the new flat."

    /// Hidden fields of the resume page's form, to send as the browser would.
    static func hiddenFields(_ page: TestClient.Page) -> [(String, String)] {
        let pattern = #"<input type="hidden" name="([^"]+)" value="([^"]*)""#
        let regex = try! NSRegularExpression(pattern: pattern)
        let body = page.body as NSString
        return regex.matches(in: page.body, range: NSRange(location: 0, length: body.length)).compactMap { match in
            let name = body.substring(with: match.range(at: 1))
            guard name != CSRFMiddleware.fieldName else { return nil }
            let value = body.substring(with: match.range(at: 2))
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
            return (name, value)
        }
    }

    @Test func aNoteSentAfterTheSessionEndedIsSavedAfterSigningInAgain() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context)
            try await worker.get(path + "/conversations/new")
            context.clock.advance(by: 31 * 60)
            let sent = try await worker.post(path + "/conversations", ConversationTests.good(context, note: Self.words))
            #expect(sent.status == .seeOther)
            #expect((sent.location ?? "").hasPrefix("/login?next=") && (sent.location ?? "").contains("resume"))
            #expect(try await Conversation.query(on: context.db).count() == 0, "nothing saved while signed out")
            #expect(try await HeldForm.query(on: context.db).count() == 1)

            let signIn = try await worker.get(try #require(sent.location))
            #expect(signIn.contains("Nothing you typed is lost"))
            let signedIn = try await worker.post(
                "/login", [("email", "peerworker@demo.alongside.test"), ("password", TestContext.demoPassword), ("next", "/resume")])
            #expect(signedIn.location == "/resume")
            let resume = try await worker.get("/resume")
            #expect(resume.contains("Save what you typed"))
            #expect(resume.contains(Self.words))
            let saved = try await worker.post(path + "/conversations", Self.hiddenFields(resume))
            #expect(saved.status == .seeOther)
            let note = try #require(try await Conversation.query(on: context.db).first())
            #expect(note.sharedNote == Self.words)
            #expect(note.privateReflection == "I noticed my own worry.")
            #expect(try await HeldForm.query(on: context.db).count() == 0, "the held copy goes once it is saved")
            #expect(worker.cookies[FormHolding.cookieName] == nil)
            #expect(try await worker.get("/resume").contains("Nothing is waiting"))
        }
    }

    @Test func aHeldFormIsOnlyEverShownToItsWriter() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context)
            try await worker.get(path + "/conversations/new")
            context.clock.advance(by: 31 * 60)
            _ = try await worker.post(path + "/conversations", ConversationTests.good(context, note: Self.words))
            // Someone else signs in on the same device.
            try await worker.get("/login")
            let other = try await worker.post(
                "/login", [("email", "coordinator@demo.alongside.test"), ("password", TestContext.demoPassword), ("next", "/resume")])
            #expect(other.status == .seeOther)
            let page = try await worker.get("/resume")
            #expect(page.contains("Nothing is waiting"))
            #expect(!page.contains(Self.words))
        }
    }

    @Test func aFormFromABrowserWithNoEndedSessionIsNotKept() async throws {
        try await withTestApp { context in
            let (_, path) = try await JourneyFlowTests.addPeer(context)
            let stranger = context.client()
            try await stranger.get("/login")
            let sent = try await stranger.post(path + "/conversations", ConversationTests.good(context, note: Self.words))
            #expect(sent.status == .seeOther)
            #expect(sent.location == "/login")
            #expect(try await HeldForm.query(on: context.db).count() == 0)
        }
    }
}
