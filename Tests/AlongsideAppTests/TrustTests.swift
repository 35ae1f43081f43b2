import AlongsideDomain
import Fluent
import SQLKit
import Testing
import Vapor

@testable import AlongsideApp

/// Paths of several steps that once reached records that weren't the asker's: each must stay shut.
@Suite struct TrustTests {
    // Finding 1: a coordinator reads a peer's whole record through a portal invite.
    @Test func aCoordinatorCannotLinkALoginToAPeersRecord() async throws {
        try await withTestApp { context in
            let (_, path) = try await JourneyFlowTests.addPeer(context)
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            try await coordinator.get(path)
            let tried = try await coordinator.post(path + "/portal-invite", [("portalEmail", "coordinator.alt@example.org")])
            #expect(tried.status == .forbidden || tried.status == .notFound)
            #expect(!tried.contains("/invite/"))
            #expect(try await Invite.query(on: context.db).filter(\.$peerID != nil).count() == 0)
        }
    }

    // Finding 2: a former worker reaches the peer's later relationship through the ended one.
    @Test func aFormerWorkerCannotInviteThroughAnEndedRelationship() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context)
            try await JourneyFlowTests.end(worker, path)
            let tama = try await context.account("tama.wiremu@demo.alongside.test").requireID().uuidString
            try await worker.get(path)
            let again = try await worker.post(path + "/again", [("againWorker", tama), ("againInitiatedBy", "peer")])
            #expect(again.status == .seeOther)
            let tried = try await worker.post(path + "/portal-invite", [("portalEmail", "former.worker@example.org")])
            #expect(tried.status == .notFound)
            #expect(!tried.contains("/invite/"))
            #expect(try await Invite.query(on: context.db).filter(\.$peerID != nil).count() == 0)
        }
    }

    /// The link alone opens nothing: the code read in person does, and guesses run out, even in parallel.
    @Test func aPeersLinkNeedsTheCodeAndParallelGuessesRunOut() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context)
            try await worker.get(path)
            let invited = try await worker.post(path + "/portal-invite", [("portalEmail", "mereana@example.org")])
            let range = try #require(invited.body.range(of: #"/invite/[A-Za-z0-9_-]+"#, options: .regularExpression))
            let link = String(invited.body[range])
            let code = try #require(PortalTests.linkCode(in: invited)).replacingOccurrences(of: " ", with: "")
            let wrong = code == "000000" ? "111111" : "000000"

            let outcomes = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        let guesser = context.client()
                        try await guesser.get(link)
                        return try await guesser.post(
                            link,
                            [
                                ("code", wrong), ("name", "Guesser \(index)"), ("password", "tide pools at dawn"),
                                ("confirmation", "tide pools at dawn"),
                            ]
                        ).status
                    }
                }
                return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
            }
            #expect(outcomes.allSatisfy { $0 == .unprocessableEntity || $0 == .gone }, "\(outcomes)")
            #expect(outcomes.filter { $0 == .unprocessableEntity }.count <= PeerLinkCode.maxFailures - 1)
            let invite = try #require(try await Invite.query(on: context.db).filter(\.$peerID != nil).first())
            #expect(invite.codeFailures <= PeerLinkCode.maxFailures)
            #expect(invite.withdrawnAt != nil, "the link stopped working")
            let late = context.client()
            try await late.get(link)
            #expect(try await late.get(link).status == .gone, "even the right code is too late now")
            #expect(try await Peer.query(on: context.db).filter(\.$accountID != nil).count() == 0)
        }
    }

    /// Relinking needs a coordinator as the second person, and tells the old login's owner.
    @Test func aCoordinatorReleasesALoginAndItsOwnerIsTold() async throws {
        try await withTestApp { context in
            let pair = try await PeerPlansTests.pair(context)
            let again = try await pair.worker.post(pair.relationshipPath + "/portal-invite", [("portalEmail", "mereana.new@example.org")])
            #expect(again.status == .unprocessableEntity)
            #expect(again.contains("has their own login") && again.contains("a coordinator can release it"))
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            let page = try await coordinator.get(pair.relationshipPath)
            #expect(page.contains("Release this login"))
            let released = try await coordinator.post(pair.relationshipPath + "/portal-release")
            #expect(released.status == .seeOther)
            #expect(try await pair.peer.get("/my").contains("Your journey") == false, "the old login no longer opens the record")
            let inbox = try await pair.peer.get("/inbox")
            #expect(inbox.contains("released your login"))
            try await pair.worker.get(pair.relationshipPath)
            let fresh = try await pair.worker.post(pair.relationshipPath + "/portal-invite", [("portalEmail", "mereana.new@example.org")])
            #expect(fresh.status == .ok)
            #expect(try await context.auditEntries(action: Action.releasePeerLogin.rawValue).count == 1)
        }
    }

    // Finding 4: an admin grants themselves roles and then reads notes.
    @Test func nobodyGrantsThemselvesRolesOrHandsARelationshipToThemselves() async throws {
        try await withTestApp { context in
            let (_, path) = try await JourneyFlowTests.addPeer(context)
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            let adminID = try await context.demoAccount(.admin).requireID()
            try await admin.get("/admin/accounts/\(adminID.uuidString)")
            let own = try await admin.post(
                "/admin/accounts/\(adminID.uuidString)/roles",
                [("roles[]", "admin"), ("roles[]", "coordinator"), ("roles[]", "peerworker")])
            #expect(own.status == .forbidden)
            #expect(
                try await AccountQueries.roles(
                    of: adminID, organisationID: try await context.demoAccount(.admin).$organisation.id, on: context.db)
                    == [.admin])

            // A coordinator who is also a peer worker can't take a relationship, and its notes, for themselves.
            let coordinatorAccount = try await context.demoAccount(.coordinator)
            let coordinatorID = try coordinatorAccount.requireID()
            try await AccountRole(organisationID: coordinatorAccount.$organisation.id, accountID: coordinatorID, role: .peerWorker)
                .create(on: context.db)
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            let form = try await coordinator.get(path + "/handover")
            #expect(!form.contains("value=\"\(coordinatorID.uuidString)\""), "they aren't offered themselves")
            let taken = try await coordinator.post(
                path + "/handover", [("handoverTo", coordinatorID.uuidString), ("handoverReason", "I'll take it.")])
            #expect(taken.status == .unprocessableEntity)
            #expect(
                taken.contains("You can&#39;t hand a relationship to yourself")
                    || taken.contains("You can't hand a relationship to yourself"))
            #expect(try await HandoverRecord.query(on: context.db).count() == 0)
        }
    }

    @Test func aRoleThatReadsRecordsIsAnnouncedToEveryCoordinatorAndAdmin() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            let evaluator = try await context.demoAccount(.evaluator)
            let id = try evaluator.requireID().uuidString
            try await admin.get("/admin/accounts/\(id)")
            let saved = try await admin.post("/admin/accounts/\(id)/roles", [("roles[]", "evaluator"), ("roles[]", "peerworker")])
            #expect(saved.status == .seeOther)
            let told = try await InboxNotification.query(on: context.db).filter(\.$kind == "role-granted").all()
            let watchers = try await AccountQueries.holders(of: [.coordinator, .admin], in: evaluator.$organisation.id, on: context.db)
            #expect(Set(told.map(\.accountID)) == watchers)
            #expect(told.allSatisfy { $0.message.contains("Peer worker") })
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            #expect(try await coordinator.get("/inbox").contains("a role that reads peers"))
        }
    }

    // Finding 6: an open redirect after sign-in.
    @Test func signingInNeverLeadsToAnotherSite() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            for next in ["/\t/evil.example/", "/%09/evil.example/", "//evil.example", "/\\evil.example", "/%5Cevil.example"] {
                let client = context.client()
                try await client.get("/login")
                let page = try await client.post(
                    "/login", [("email", "peer@demo.alongside.test"), ("password", TestContext.demoPassword), ("next", next)])
                #expect(page.status == .seeOther)
                #expect(page.location == "/home", "\(next.debugDescription) led to \(page.location ?? "")")
            }
        }
    }

    // Finding 9: account existence crosses organisations.
    @Test func anInviteAnswersTheSameWhetherOrNotTheAddressIsKnownElsewhere() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            _ = try await context.otherOrganisationAdmin()
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            try await admin.get("/admin/invites/new")
            let known = try await admin.post(
                "/admin/invites", [("name", "Rua"), ("email", "admin@harbour.example"), ("roles[]", "peerworker")])
            let unknown = try await admin.post(
                "/admin/invites", [("name", "Nobody"), ("email", "nobody@harbour.example"), ("roles[]", "peerworker")])
            #expect(known.status == .ok && unknown.status == .ok)
            #expect(known.contains("Invite link ready") && unknown.contains("Invite link ready"))
            #expect(!known.contains("already"))
            // Only the holder of the link learns it can't make a second login.
            let range = try #require(known.body.range(of: #"/invite/[A-Za-z0-9_-]{43}"#, options: .regularExpression))
            let holder = context.client()
            let opened = try await holder.get(String(known.body[range]))
            #expect(opened.status == .gone)
            #expect(opened.contains("already has an Alongside login"))
        }
    }

    // Finding 12: edges of input.
    @Test func namesRefuseHiddenDirectionMarksAndFormsRefuseNulsRepeatsAndBrokenText() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let worker = try await context.signedInClient("peerworker@demo.alongside.test")
            try await worker.get("/peers/new")
            let sam = try await context.demoAccount(.peerWorker).requireID().uuidString
            let bidi = try await worker.post("/peers", [("preferredName", "Ana\u{202E}nimda"), ("worker", sam)])
            #expect(bidi.status == .unprocessableEntity)
            #expect(bidi.contains("hidden direction marks"))
            let csrf = try #require(worker.lastCSRF)
            for body in [
                "_csrf=\(csrf)&preferredName=Ana%00&worker=\(sam)",
                "_csrf=\(csrf)&preferredName=Ana&preferredName=Bea&worker=\(sam)",
                "_csrf=\(csrf)&preferredName=Ana%FF%FE&worker=\(sam)",
            ] {
                let response = try await context.app.testing().sendRequest(
                    .POST, "/peers",
                    headers: [
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Cookie": worker.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "),
                    ], body: ByteBuffer(string: body))
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.body.string.contains("Nothing was saved"))
            }
            var raw = ByteBuffer(string: "_csrf=\(csrf)&worker=\(sam)&preferredName=Ana")
            raw.writeBytes([0xC3, 0x28])
            let invalid = try await context.app.testing().sendRequest(
                .POST, "/peers",
                headers: [
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": worker.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "),
                ], body: raw)
            #expect(invalid.status == .badRequest)
            #expect(try await Peer.query(on: context.db).all().filter { $0.preferredName.contains("Ana") }.isEmpty)
        }
    }

    @Test func aVisitorsFormTokenOfAnyOtherShapeIsNeverCompared() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let long = String(repeating: "a", count: 5000)
            let response = try await context.app.testing().sendRequest(
                .POST, "/login",
                headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "\(CSRFMiddleware.cookieName)=\(long)"],
                body: ByteBuffer(string: "_csrf=\(long)&email=peer%40demo.alongside.test&password=x"))
            #expect(response.status == .forbidden || response.status == .badRequest || response.status.code == 419)
            #expect(response.status != .unauthorized, "the password was never tried")
        }
    }
}

extension TrustTests {
    /// Links given to someone outside a page are never built from the `Host` a request names.
    @Test func linksComeFromThePublicAddressOrTheLoopbackOneNeverTheHostHeader() async throws {
        #expect(throws: Settings.Problem.self, "listening beyond this machine needs a public address") {
            try Settings.fromEnvironment(["ALONGSIDE_HOSTNAME": "0.0.0.0"], arguments: [])
        }
        #expect(throws: Settings.Problem.self) {
            try Settings.fromEnvironment([:], arguments: ["alongside", "serve", "--hostname", "0.0.0.0"])
        }
        #expect(throws: Settings.Problem.self, "an address, not just a name") {
            try Settings.fromEnvironment(["ALONGSIDE_PUBLIC_URL": "peers.example.org"], arguments: [])
        }
        let published = try Settings.fromEnvironment(
            ["ALONGSIDE_HOSTNAME": "0.0.0.0", "ALONGSIDE_PUBLIC_URL": "https://peers.example.org"], arguments: [])
        #expect(published.server.linkBase == "https://peers.example.org")
        let loopback = try Settings.fromEnvironment([:], arguments: ["alongside", "serve", "--port", "9090"])
        #expect(loopback.server.linkBase == "http://127.0.0.1:9090")

        try await withTestApp { context in
            try await context.seedDemo()
            let admin = try await context.signedInClient("admin@demo.alongside.test")
            try await admin.get("/admin/invites/new")
            let csrf = try #require(admin.lastCSRF)
            let response = try await context.app.testing().sendRequest(
                .POST, "/admin/invites",
                headers: [
                    "Host": "evil.example", "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": admin.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "),
                ],
                body: ByteBuffer(string: "_csrf=\(csrf)&name=Mere&email=mere%40example.org&roles%5B%5D=peerworker"))
            #expect(response.status == .ok)
            #expect(!response.body.string.contains("evil.example"))
            #expect(response.body.string.contains("http://127.0.0.1:8080/invite/"))
        }
    }

    /// Nobody starts a relationship with themselves, and two starts at once make one.
    @Test func startingAgainIsNeverWithYourselfAndHappensOnce() async throws {
        try await withTestApp { context in
            let (worker, path) = try await JourneyFlowTests.addPeer(context)
            try await JourneyFlowTests.end(worker, path)
            let sam = try await context.demoAccount(.peerWorker).requireID().uuidString
            try await worker.get(path)
            let yourself = try await worker.post(path + "/again", [("againWorker", sam), ("againInitiatedBy", "peer")])
            #expect(yourself.status == .unprocessableEntity)
            #expect(yourself.contains("ask a coordinator to start it"))

            let tama = try await context.account("tama.wiremu@demo.alongside.test").requireID().uuidString
            let coordinatorAccount = try await context.demoAccount(.coordinator)
            var coordinators: [TestClient] = []
            for _ in 0..<6 {
                let session = try await context.directSession(for: coordinatorAccount)
                let client = context.client()
                client.setCookie(SessionStore.cookieName, session.cookie)
                try await client.get(path)
                coordinators.append(client)
            }
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for coordinator in coordinators {
                    group.addTask {
                        try await coordinator.post(path + "/again", [("againWorker", tama), ("againInitiatedBy", "peer")]).status
                    }
                }
                return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0.code < 500 }, "\(statuses)")
            let id = try #require(UUID(uuidString: String(path.split(separator: "/").last ?? "")))
            #expect(try await Relationship.query(on: context.db).filter(\.$earlierRelationshipID == id).count() == 1)
        }
    }
}
