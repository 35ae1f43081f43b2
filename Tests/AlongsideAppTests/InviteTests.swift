import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

@Suite struct InviteTests {
    /// Creates an invite through the admin screens and returns the one-time link's path.
    static func invite(_ context: TestContext, email: String = "mere.tane@example.org", roles: [Role] = [.peerWorker]) async throws
        -> String
    {
        let admin = try await context.signedInClient("admin@demo.alongside.test")
        try await admin.get("/admin/invites/new")
        let page = try await admin.post(
            "/admin/invites", [("name", "Mere Tane"), ("email", email)] + roles.map { ("roles[]", $0.rawValue) })
        #expect(page.status == .ok)
        #expect(page.contains("Invite link ready"))
        let range = try #require(page.body.range(of: #"/invite/[A-Za-z0-9_-]{43}"#, options: .regularExpression))
        return String(page.body[range])
    }

    @Test func anInvitedPersonSetsAPasswordAndArrivesSignedInWithTheirRoles() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let link = try await Self.invite(context, roles: [.peerWorker, .supervisor])
            let invitee = context.client()
            let form = try await invitee.get(link)
            #expect(form.status == .ok)
            #expect(form.contains("mere.tane@example.org"))
            let done = try await invitee.post(
                link, [("name", "Mere Tane"), ("password", "harakeke in the wind"), ("confirmation", "harakeke in the wind")])
            #expect(done.location == "/home")
            let home = try await invitee.get("/home")
            #expect(home.contains("Hello, Mere Tane"))
            #expect(home.contains("Show my work as") && home.contains(">Peer worker<") && home.contains(">Supervisor<"))
            #expect(try await context.auditEntries(action: Action.acceptInvite.rawValue).contains { $0.outcome == "success" })
        }
    }

    @Test func theLinkWorksOnceAndOnlyItsHashIsStored() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let link = try await Self.invite(context)
            let token = String(link.dropFirst("/invite/".count))
            let stored = try await Invite.query(on: context.db).all()
            #expect(stored.allSatisfy { $0.tokenHash != token })
            let invitee = context.client()
            try await invitee.get(link)
            try await invitee.post(
                link, [("name", "Mere Tane"), ("password", "harakeke in the wind"), ("confirmation", "harakeke in the wind")])

            let replay = context.client()
            let again = try await replay.get(link)
            #expect(again.status == .gone)
            #expect(again.contains("already been used"))
            try await replay.get("/login")
            let post = try await replay.post(
                link, [("name", "Someone Else"), ("password", "another long phrase"), ("confirmation", "another long phrase")])
            #expect(post.status == .gone)
            #expect(try await Account.query(on: context.db).filter(\.$email == "mere.tane@example.org").count() == 1)
        }
    }

    @Test func anExpiredLinkExplainsItselfAndCreatesNothing() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let link = try await Self.invite(context)
            context.clock.advance(by: 72 * 3600 + 1)
            let invitee = context.client()
            let page = try await invitee.get(link)
            #expect(page.status == .gone)
            #expect(page.contains("This invite link has expired"))
            #expect(try await invitee.get("/invite/made-up-token").status == .notFound)
        }
    }

    @Test func badInputOnAcceptanceKeepsTheNameAndCreatesNothing() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let link = try await Self.invite(context)
            let invitee = context.client()
            try await invitee.get(link)
            let mismatch = try await invitee.post(
                link, [("name", "Mere T."), ("password", "harakeke in the wind"), ("confirmation", "harakeke in the rain")])
            #expect(mismatch.status == .unprocessableEntity)
            #expect(mismatch.contains("value=\"Mere T.\""))
            #expect(mismatch.contains("id=\"confirmation-error\""))
            let weak = try await invitee.post(link, [("name", ""), ("password", "qwerty123456"), ("confirmation", "qwerty123456")])
            #expect(weak.contains("Enter your name."))
            #expect(weak.contains("one of the most common passwords"))
            #expect(try await Account.query(on: context.db).filter(\.$email == "mere.tane@example.org").count() == 0)
            #expect(try await Invite.query(on: context.db).filter(\.$usedAt != nil).count() == 0)
        }
    }

    @Test func inviteFormProblemsAreExplained() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            try await admin.get("/admin/invites/new")
            let empty = try await admin.post("/admin/invites", [("name", ""), ("email", "")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.contains("Enter their name."))
            #expect(empty.contains("Enter an email address."))
            #expect(empty.contains("Choose at least one role for them."))
            let taken = try await admin.post(
                "/admin/invites", [("name", "Sam"), ("email", "peerworker@demo.alongside.test"), ("roles[]", "peer")])
            #expect(taken.contains("Someone in this service already signs in with this address."))
            #expect(taken.contains("value=\"Sam\""))
            let forged = try await admin.post("/admin/invites", [("name", "Sam"), ("email", "sam2@example.org"), ("roles[]", "superuser")])
            #expect(forged.contains("isn&#39;t one Alongside knows") || forged.contains("isn't one Alongside knows"))
            #expect(try await Invite.query(on: context.db).count() == 0)
        }
    }

    @Test func aWithdrawnInviteNoLongerWorks() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let link = try await Self.invite(context)
            let invite = try #require(try await Invite.query(on: context.db).first())
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            try await admin.get("/admin/accounts")
            let page = try await admin.post("/admin/invites/\(try invite.requireID().uuidString)/withdraw")
            #expect(page.location == "/admin/accounts")
            #expect(try await context.client().get(link).status == .gone)
        }
    }
}
