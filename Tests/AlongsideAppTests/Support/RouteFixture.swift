import AlongsideDomain
import Fluent
import Foundation
import Testing
import Vapor

@testable import AlongsideApp

/// One of every kind of record, in the demo organisation, so that every route with an id has
/// something real to ask about. Returns each route parameter's value.
enum RouteFixture {
    static func make(_ context: TestContext) async throws -> [String: String] {
        let target = try await context.account("tama.wiremu@demo.alongside.test")
        let admin = try await context.demoAccount(.admin)
        let inviteToken = SecretToken.generate()
        let invite = Invite(
            organisationID: admin.$organisation.id, email: EmailAddress("new.person@example.org")!,
            displayName: "New Person", roles: [.peer], tokenHash: SecretToken.hash(inviteToken),
            invitedBy: try admin.requireID(), createdAt: context.clock.now,
            expiresAt: context.clock.now.addingTimeInterval(3600))
        try await invite.create(on: context.db)
        let peer = Peer(
            organisationID: admin.$organisation.id, profile: PeerProfile(preferredName: "Jordan"),
            createdBy: try admin.requireID(), createdAt: context.clock.now)
        peer.accountID = try await context.demoAccount(.peer).requireID()
        try await peer.create(on: context.db)
        let worker = try await context.demoAccount(.peerWorker)
        let actor = Actor(accountID: try worker.requireID(), organisationID: worker.$organisation.id, roles: [.peerWorker])
        let relationship = try await JourneyStore.start(
            peer: peer, workerID: actor.accountID, initiatedBy: .worker, by: actor, on: context.db, clock: context.clock.appClock,
            auditKey: context.app.auditKey)
        let draft = try ConversationDraft.parse(
            .init(
                occurredAt: LocalDateTime.text(context.clock.now), minutes: "45", mode: "phone", place: "", reachedOut: "peer",
                sharedNote: "We talked.", privateReflection: "I noticed my own tiredness.", forSupervision: true, reflections: [:],
                livedExperience: ""),
            relationshipBegan: relationship.startedAt, now: context.clock.now
        ).get()
        let conversation = try Conversation(
            relationship: relationship, draft: draft, writtenBy: actor.accountID, writtenAt: context.clock.now)
        try await conversation.create(on: context.db)
        let request = try NoteResponse(
            on: conversation, kind: .correction, body: "Please say it was the library.", by: peer.accountID!,
            at: context.clock.now)
        try await request.create(on: context.db)
        let organisation = try #require(try await Organisation.find(admin.$organisation.id, on: context.db))
        organisation.documentationStandard = "us-medicaid-peer-support"
        organisation.supervisorSignOff = true
        try await organisation.save(on: context.db)
        let link = SupervisionLink(
            organisationID: admin.$organisation.id, supervisorID: try await context.demoAccount(.supervisor).requireID(),
            workerID: actor.accountID, startedAt: context.clock.now, startedBy: try admin.requireID())
        try await link.create(on: context.db)
        let plan = try PlannedConversation(
            relationship: relationship,
            draft: PlannedConversationDraft(
                startsAt: context.clock.now.addingTimeInterval(86_400), minutes: 60, mode: .phone, place: ""),
            by: actor.accountID, at: context.clock.now)
        try await plan.create(on: context.db)
        let towards = try TowardsPlan(relationship: relationship, by: actor.accountID, at: context.clock.now)
        try await towards.create(on: context.db)
        let step = try TowardsStep(
            plan: towards, draft: TowardsStepDraft(text: "Visit the library", taker: .peer, someone: "", byWhen: nil, state: .thinking),
            by: actor.accountID, at: context.clock.now)
        try await step.create(on: context.db)
        let concern = try ConcernRecord(
            relationship: relationship,
            draft: ConcernDraft(
                noticed: "Not sleeping.", peerWants: "To keep talking.", peerWillDo: "", workerWillDo: "Call on Thursday.",
                talkAgainOn: context.clock.now.addingTimeInterval(86_400)),
            by: actor.accountID, at: context.clock.now)
        try await concern.create(on: context.db)
        let notification = InboxNotification(
            organisationID: admin.$organisation.id, to: actor.accountID, kind: .planChanged, message: "Jordan changed the plan.",
            link: .towardsPlan(try relationship.requireID()), at: context.clock.now)
        try await notification.create(on: context.db)
        // Jordan shares their safety plan and notes with the demo clinician, and the safety plan with
        // their worker's supervisor; the clinician has referred someone.
        let clinician = try await context.demoAccount(.clinician)
        var consentID = UUID()
        for (audience, grantee) in [(ConsentAudience.clinician, Optional(try clinician.requireID())), (.workerSupervisor, nil)] {
            let consent = try ConsentRecord(
                peer: peer,
                draft: ConsentForm.parse(
                    .init(
                        audience: audience.rawValue, clinician: grantee?.uuidString, categories: ["safetyPlan", "sharedNotes"],
                        purpose: "So my GP knows my plan", from: nil, until: nil, method: nil),
                    clinicians: Set([try clinician.requireID()]), methods: [.portal], now: context.clock.now
                ).get(), decision: .permit, recordedBy: peer.accountID!, at: context.clock.now)
            try await consent.create(on: context.db)
            consentID = try consent.requireID()
        }
        let referral = Referral(
            organisationID: admin.$organisation.id, referredBy: try clinician.requireID(),
            draft: try ReferralForm.parse(name: "Sam", howToReach: "021 555 0101", reason: "Would like someone who has been there.").get(),
            at: context.clock.now)
        try await referral.create(on: context.db)
        // An emergency opening that has already closed, waiting for review.
        let glass = try BreakGlassRecord(
            peer: peer, by: try clinician.requireID(),
            draft: try BreakGlassForm.parse(reason: "immediate-risk", words: "Jordan's GP called: no answer at home.").get(),
            at: context.clock.now.addingTimeInterval(-7_200), minutes: 60, reviewDays: 7)
        try await glass.create(on: context.db)
        let parameters = [
            ":breakGlassID": try glass.requireID().uuidString.lowercased(),
            ":peerID": try peer.requireID().uuidString.lowercased(),
            ":consentID": consentID.uuidString.lowercased(),
            ":referralID": try referral.requireID().uuidString.lowercased(),
            ":stepID": try step.requireID().uuidString.lowercased(),
            ":concernID": try concern.requireID().uuidString.lowercased(),
            ":notificationID": try notification.requireID().uuidString.lowercased(),
            ":feed": "no-such-feed.ics",
            ":planID": try plan.requireID().uuidString.lowercased(),
            ":linkID": try link.requireID().uuidString.lowercased(),
            ":responseID": try request.requireID().uuidString.lowercased(),
            ":conversationID": try conversation.requireID().uuidString.lowercased(),
            ":relationshipID": try relationship.requireID().uuidString.lowercased(),
            ":accountID": try target.requireID().uuidString.lowercased(),
            ":inviteID": try invite.requireID().uuidString.lowercased(),
            ":token": inviteToken,
        ]
        return parameters
    }
}
