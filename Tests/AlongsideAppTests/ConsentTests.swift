import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

/// The peer decides who beyond their worker reads what: a consent opens exactly the parts it
/// names, to exactly the person it names, until it ends or is revoked, and every read by
/// someone else is there for the peer to see.
@Suite struct ConsentTests {
    static let clinicianEmail = "clinician@demo.alongside.test"

    /// Mereana, with a note and her own login, and the demo clinician's id.
    static func peerAndClinician(_ context: TestContext) async throws -> (
        worker: TestClient, peer: TestClient, clinician: UUID, peerID: UUID
    ) {
        let (worker, peer, _) = try await PortalTests.peerWithANote(context)
        let clinician = try await context.demoAccount(.clinician).requireID()
        let record = try #require(try await Peer.query(on: context.db).all().first { $0.preferredName == "Mereana" })
        return (worker, peer, clinician, try record.requireID())
    }

    static func grant(_ peer: TestClient, to clinician: UUID, _ categories: [String], until: String = "") async throws -> TestClient.Page {
        try await peer.get("/my/sharing")
        return try await peer.post(
            "/my/sharing",
            [
                ("audience", "clinician"), ("clinician", clinician.uuidString), ("purpose", "So my GP knows my plan in a crisis"),
                ("until", until),
            ]
                + categories.map { ("categories[]", $0) })
    }

    @Test func aClinicianReadsOnlyWhatWasSharedUntilThePeerRevokesIt() async throws {
        try await withTestApp { context in
            let (worker, peer, clinicianID, peerID) = try await Self.peerAndClinician(context)
            // The worker writes a safety plan with Mereana.
            let relationship = try #require(try await Relationship.query(on: context.db).filter(\.$peerID == peerID).first())
            let planPath = "/relationships/\(try relationship.requireID().uuidString.lowercased())/safety-plan"
            try await worker.get(planPath)
            let saved = try await worker.post(planPath, [("version", "0"), ("section-keeps-me-well", "Walking the dog at dawn.")])
            #expect(saved.status == .seeOther)

            let clinician = try await context.signedInClient(Self.clinicianEmail)
            let path = "/shared/\(peerID.uuidString.lowercased())"
            #expect(try await clinician.get(path).status == .notFound, "nothing is shared yet")

            let given = try await Self.grant(peer, to: clinicianID, ["safetyPlan"])
            #expect(given.status == .seeOther)
            let sharing = try await peer.get("/my/sharing")
            #expect(sharing.contains("Alex Chen can read your wellness and safety plan."))

            let shared = try await clinician.get(path)
            #expect(shared.status == .ok)
            #expect(shared.contains("Walking the dog at dawn."))
            #expect(shared.contains("Shown under the consent Mereana gave in the portal"))
            #expect(!shared.contains("We walked to the beach."), "the notes weren't shared")
            #expect(try await clinician.get("/shared").contains("Mereana"))

            let consent = try #require(try await ConsentRecord.query(on: context.db).filter(\.$peerID == peerID).first())
            let revoked = try await peer.post("/my/sharing/\(try consent.requireID().uuidString.lowercased())/revoke")
            #expect(revoked.status == .seeOther)
            let after = try await clinician.get(path)
            #expect(after.status == .notFound, "revocation holds from the very next request")
            #expect(!after.contains("Walking the dog"))
            #expect(try await peer.get("/my/sharing").contains("Revoked on"), "history is kept")
            // A second revoke finds nothing in force: nothing is written twice.
            #expect(try await peer.post("/my/sharing/\(try consent.requireID().uuidString.lowercased())/revoke").status == .notFound)
        }
    }

    @Test func anExpiredConsentOpensNothing() async throws {
        try await withTestApp { context in
            let (_, peer, clinicianID, peerID) = try await Self.peerAndClinician(context)
            let today = PlanDate.text(PlanDate.startOfDay(context.clock.now, zone: .utc))
            #expect(try await Self.grant(peer, to: clinicianID, ["sharedNotes"], until: today).status == .seeOther)
            let clinician = try await context.signedInClient(Self.clinicianEmail)
            let path = "/shared/\(peerID.uuidString.lowercased())"
            #expect(try await clinician.get(path).contains("We walked to the beach."))
            context.clock.advance(by: 2 * 86_400)
            let later = try await context.signedInClient(Self.clinicianEmail)
            #expect(try await later.get(path).status == .notFound)
        }
    }

    @Test func anotherClinicianOrAnotherOrganisationSeesNothing() async throws {
        try await withTestApp { context in
            let (_, peer, clinicianID, peerID) = try await Self.peerAndClinician(context)
            #expect(try await Self.grant(peer, to: clinicianID, ["sharedNotes", "safetyPlan"]).status == .seeOther)
            let admin = try await context.demoAccount(.admin)
            let other = Account(
                organisationID: admin.$organisation.id, email: EmailAddress("dr.other@example.org")!, displayName: "Dr Other",
                passwordHash: try await context.app.accountPasswords.hash(TestContext.demoPassword), createdAt: context.clock.now)
            try await other.create(on: context.db)
            try await AccountRole(organisationID: admin.$organisation.id, accountID: try other.requireID(), role: .clinician).create(
                on: context.db)
            let stranger = try await context.signedInClient("dr.other@example.org")
            let page = try await stranger.get("/shared/\(peerID.uuidString.lowercased())")
            #expect(page.status == .notFound)
            #expect(!page.contains("Mereana"))
            #expect(!(try await stranger.get("/shared")).contains("Mereana"))
            let elsewhere = try await context.otherOrganisationAdmin()
            let session = try await context.directSession(for: elsewhere)
            let outsider = context.client()
            outsider.setCookie(SessionStore.cookieName, session.cookie)
            #expect(try await outsider.get("/shared/\(peerID.uuidString.lowercased())").status == .forbidden)
        }
    }

    @Test func badConsentsAreRefusedNextToTheFieldAndNothingIsStored() async throws {
        try await withTestApp { context in
            let (_, peer, clinicianID, _) = try await Self.peerAndClinician(context)
            let unknownCategory = try await Self.grant(peer, to: clinicianID, ["diagnosis"])
            #expect(unknownCategory.status == .unprocessableEntity)
            #expect(unknownCategory.contains("isn't something that can be shared here"))
            let noSuchClinician = try await Self.grant(peer, to: UUID(), ["safetyPlan"])
            #expect(noSuchClinician.contains("Choose a partner clinician from the list"))
            try await peer.get("/my/sharing")
            let backwards = try await peer.post(
                "/my/sharing",
                [
                    ("audience", "clinician"), ("clinician", clinicianID.uuidString), ("categories[]", "safetyPlan"),
                    ("purpose", "Kept as typed <b>"), ("from", "2099-03-10"), ("until", "2099-03-01"),
                ])
            #expect(backwards.contains("The last day is before the first"))
            #expect(backwards.contains("Kept as typed &lt;b&gt;"), "the person's input is kept, escaped")
            #expect(try await ConsentRecord.query(on: context.db).count() == 0)
        }
    }

    @Test func thePeerSeesWhoLookedAndHearsAboutTheReadsTheyChose() async throws {
        try await withTestApp { context in
            let (worker, peer, _, peerID) = try await Self.peerAndClinician(context)
            try await peer.get("/my/sharing")
            #expect(try await peer.post("/my/sharing/alerts", [("alerts[]", "safetyPlan")]).status == .seeOther)
            let relationship = try #require(try await Relationship.query(on: context.db).filter(\.$peerID == peerID).first())
            let id = try relationship.requireID().uuidString.lowercased()
            let before = try await RecordRead.query(on: context.db).count()
            try await worker.get("/relationships/\(id)")
            try await worker.get("/relationships/\(id)/safety-plan")
            let looked = try await peer.get("/my/looked")
            let workerName = try await context.demoAccount(.peerWorker).displayName
            #expect(looked.contains("\(workerName), your peer worker, read where your journey is and its dates on"))
            #expect(looked.contains("\(workerName), your peer worker, read your wellness and safety plan on"))
            let alerts = try await InboxNotification.query(on: context.db).filter(\.$kind == "record-read").all()
            #expect(alerts.count == 1, "only the safety plan was chosen")
            #expect(alerts.first?.message.contains("read your wellness and safety plan") == true)
            // The peer's own reads are not "someone else looking".
            try await peer.get("/relationships/\(id)/safety-plan")
            #expect(try await RecordRead.query(on: context.db).count() == before + 2)
            // Coordinators see the same trail across the service.
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            let trail = try await coordinator.get("/reads?category=safetyPlan")
            #expect(trail.contains("\(workerName), peer worker, read Mereana's wellness and safety plan"))
        }
    }

    @Test func aWorkerWritesDownAConsentGivenByPhoneAndThePeerSeesIt() async throws {
        try await withTestApp { context in
            let (worker, peer, clinicianID, peerID) = try await Self.peerAndClinician(context)
            let relationship = try #require(try await Relationship.query(on: context.db).filter(\.$peerID == peerID).first())
            let path = "/relationships/\(try relationship.requireID().uuidString.lowercased())/consents"
            try await worker.get(path)
            let missingMethod = try await worker.post(
                path,
                [("audience", "clinician"), ("clinician", clinicianID.uuidString), ("categories[]", "profile"), ("purpose", "Referral")])
            #expect(missingMethod.contains("Choose how the peer gave this consent."))
            let written = try await worker.post(
                path,
                [
                    ("audience", "clinician"), ("clinician", clinicianID.uuidString), ("categories[]", "profile"), ("purpose", "Referral"),
                    ("method", "phone"),
                ])
            #expect(written.status == .seeOther)
            let sharing = try await peer.get("/my/sharing")
            #expect(sharing.contains("Alex Chen can read your profile."))
            #expect(sharing.contains("Given by phone"))
        }
    }

    @Test func aCoordinatorAcceptsAReferralOnceEvenWhenTwoTryAtOnce() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let clinician = try await context.signedInClient(Self.clinicianEmail)
            try await clinician.get("/referrals/new")
            let empty = try await clinician.post("/referrals", [("name", ""), ("howToReach", "021 555 0101"), ("reason", "")])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.contains("Give the name the person goes by."))
            #expect(empty.contains("021 555 0101"))
            #expect(try await Referral.query(on: context.db).count() == 0)
            let sent = try await clinician.post(
                "/referrals", [("name", "Rawiri"), ("howToReach", "021 555 0101"), ("reason", "Would like someone who has been there.")])
            #expect(sent.status == .seeOther)
            let referral = try #require(try await Referral.query(on: context.db).first())
            let worker = try await context.demoAccount(.peerWorker)
            let first = try await context.signedInClient("coordinator@demo.alongside.test")
            let second = try await context.signedInClient("coordinator@demo.alongside.test")
            #expect(try await first.get("/home").contains("1 referral from partner clinicians"), "the coordinator lands on it")
            try await first.get("/referrals")
            try await second.get("/referrals")
            let path = "/referrals/\(try referral.requireID().uuidString.lowercased())"
            let noWorker = try await first.post(path + "/accept")
            #expect(noWorker.contains("Choose the peer worker who will walk alongside them."))
            async let a = first.post(path + "/accept", [("worker", try worker.requireID().uuidString)])
            async let b = second.post(path + "/accept", [("worker", try worker.requireID().uuidString)])
            let answers = try await [a.status, b.status].sorted { $0.code < $1.code }
            #expect(answers == [.seeOther, .notFound])
            #expect(try await Peer.query(on: context.db).all().filter { $0.preferredName == "Rawiri" }.count == 1)
            let mine = try await clinician.get("/referrals/new")
            #expect(mine.contains("Accepted on"))
            #expect(try await first.post(path + "/decline", [("declineReason", "Too late")]).status == .notFound)
        }
    }

    @Test func aDeclinedReferralTellsTheClinicianWhy() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let clinician = try await context.signedInClient(Self.clinicianEmail)
            try await clinician.get("/referrals/new")
            try await clinician.post("/referrals", [("name", "Aroha"), ("howToReach", "By email"), ("reason", "Isolated since moving.")])
            let referral = try #require(try await Referral.query(on: context.db).first())
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            try await coordinator.get("/referrals")
            let path = "/referrals/\(try referral.requireID().uuidString.lowercased())/decline"
            #expect(
                try await coordinator.post(path, [("declineReason", " ")]).contains(
                    "Say why, so the clinician can find the person other support."))
            #expect(try await coordinator.post(path, [("declineReason", "We have no one in that area yet.")]).status == .seeOther)
            #expect(try await clinician.get("/referrals/new").contains("Declined on"))
            #expect(try await clinician.get("/referrals/new").contains("We have no one in that area yet."))
        }
    }

    @Test func theWorkersSupervisorAndThePeerTeamReadWhatIsSharedWithThem() async throws {
        try await withTestApp { context in
            let (_, peer, _, peerID) = try await ConsentTests.peerAndClinician(context)
            let admin = try await context.demoAccount(.admin)
            let supervisor = try await context.demoAccount(.supervisor)
            let worker = try await context.demoAccount(.peerWorker)
            try await SupervisionLink(
                organisationID: admin.$organisation.id, supervisorID: try supervisor.requireID(), workerID: try worker.requireID(),
                startedAt: context.clock.now, startedBy: try admin.requireID()
            ).create(on: context.db)
            try await peer.get("/my/sharing")
            #expect(
                try await peer.post(
                    "/my/sharing",
                    [("audience", "worker-supervisor"), ("categories[]", "safetyPlan"), ("purpose", "For supervision, if it helps me")]
                ).status == .seeOther)
            let priya = try await context.signedInClient("supervisor@demo.alongside.test")
            let list = try await priya.get("/shared")
            #expect(list.contains("Mereana") && list.contains("wellness and safety plan"))
            let path = "/shared/\(peerID.uuidString.lowercased())"
            #expect(try await priya.get(path).status == .ok)
            // Another peer worker isn't the team until the peer says so.
            let tama = try await context.signedInClient("tama.wiremu@demo.alongside.test")
            #expect(!(try await tama.get("/shared")).contains("Mereana"))
            #expect(try await tama.get(path).status == .notFound)
            #expect(
                try await peer.post(
                    "/my/sharing", [("audience", "peer-team"), ("categories[]", "profile"), ("purpose", "Whoever covers for Sam")]
                ).status == .seeOther)
            #expect(try await tama.get("/shared").contains("Mereana"))
            let covered = try await tama.get(path)
            #expect(covered.status == .ok && covered.contains("Profile") && !covered.contains("Wellness and safety plan"))
        }
    }
}
