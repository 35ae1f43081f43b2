import AlongsideDomain
import Fluent
import Vapor

/// A peer worker or coordinator invites a peer to the portal, where the peer reads their own
/// record. It is the peer's choice: they may be invited at any time, or never.
enum PeerInviteController {
    struct Form: Content {
        var portalEmail: String?
    }

    static func create(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (relationship, peer) = try await RelationshipAccess.load(request, for: .invitePeer)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        var errors = FieldErrors()
        if peer.accountID != nil {
            errors.add("portalEmail", "\(peer.preferredName) already has their own login.")
        }
        errors.check("portalEmail", EmailAddress.problem(with: form.portalEmail ?? ""))
        if let email = EmailAddress(form.portalEmail ?? ""),
            try await Account.query(on: request.db).filter(\.$email == email.value).first() != nil
        {
            errors.add("portalEmail", "There's already an account with this email address. Use another one for \(peer.preferredName).")
        }
        guard errors.isEmpty, let email = EmailAddress(form.portalEmail ?? "") else {
            return try await RelationshipController.page(
                request, relationship, peer, portalForm: form, errors: errors, status: .unprocessableEntity)
        }
        let token = SecretToken.generate()
        let now = request.now
        let peerID = try peer.requireID()
        let invite = Invite(
            organisationID: actor.organisationID, email: email, displayName: peer.preferredName, roles: [.peer],
            tokenHash: SecretToken.hash(token), invitedBy: actor.accountID, createdAt: now,
            expiresAt: now.addingTimeInterval(request.application.settings.security.inviteLifetime))
        invite.peerID = peerID
        try await request.db.transaction { db in
            // One link at a time for a peer: a new one replaces any still waiting.
            for earlier in try await InviteQueries.pending(in: actor.organisationID, on: db, now: now)
            where earlier.peerID == peerID || earlier.email == email.value {
                earlier.withdrawnAt = now
                try await earlier.save(on: db)
            }
            try await invite.create(on: db)
            try await request.audit(on: db).record(
                request, action: Action.invitePeer.rawValue, target: "peer", targetID: peerID.uuidString, outcome: .success)
        }
        return InviteViews.created(
            request, invite: invite, link: InvitesController.absoluteLink(request, token: token),
            back: ("Back to \(peer.preferredName)'s journey", .relationship(try relationship.requireID())))
    }
}
