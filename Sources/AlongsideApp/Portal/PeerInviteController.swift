import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// A peer's own login, linked to their record in two steps by two people: the peer worker walking
/// alongside them now makes a link and a short code, and the peer, given the code in person,
/// finishes it. Relinking a record that already has a login needs a coordinator first.
enum PeerInviteController {
    struct Form: Content {
        var portalEmail: String?
    }

    static func create(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        // Through the peer's record as it stands now: an ended relationship opens nothing.
        let loaded = try await RecordDoor.relationship(request, for: .invitePeer, category: .profile)
        let (relationship, peer) = (loaded.relationship, loaded.peer)
        let form = (try? request.content.decode(Form.self)) ?? Form()
        var errors = FieldErrors()
        if peer.accountID != nil {
            errors.add(
                "portalEmail",
                "\(peer.preferredName) already has their own login. If they can't use it any more, ask a coordinator to release it first.")
        }
        errors.check("portalEmail", EmailAddress.problem(with: form.portalEmail ?? ""))
        // Only this organisation's own accounts are checked: whether an address is known
        // elsewhere is never said here (the person holding the link is told, if it matters).
        if let email = EmailAddress(form.portalEmail ?? ""),
            try await Account.query(on: request.db).filter(\.$email == email.value)
                .filter(\.$organisation.$id == actor.organisationID).first() != nil
        {
            errors.add(
                "portalEmail", "Someone in this service already signs in with this address. Use another one for \(peer.preferredName).")
        }
        guard errors.isEmpty, let email = EmailAddress(form.portalEmail ?? "") else {
            return try await RelationshipController.page(
                request, relationship, peer, portalForm: form, errors: errors, status: .unprocessableEntity)
        }
        let token = SecretToken.generate()
        let code = PeerLinkCode.generate()
        let now = request.now
        let peerID = try peer.requireID()
        let invite = Invite(
            organisationID: actor.organisationID, email: email, displayName: peer.preferredName, roles: [.peer],
            tokenHash: SecretToken.hash(token), invitedBy: actor.accountID, createdAt: now,
            expiresAt: now.addingTimeInterval(request.application.settings.security.inviteLifetime))
        invite.peerID = peerID
        invite.codeHash = SecretToken.hash(code)
        try await request.db.transaction { db in
            // One link at a time for a peer: a new one replaces any still waiting for them (and never
            // someone else's invite that happens to share the address).
            for earlier in try await InviteQueries.pending(in: actor.organisationID, on: db, now: now) where earlier.peerID == peerID {
                earlier.withdrawnAt = now
                try await earlier.save(on: db)
            }
            try await invite.create(on: db)
            try await request.audit(on: db).record(
                request, action: Action.invitePeer.rawValue, target: "peer", targetID: peerID.uuidString, outcome: .success)
        }
        return InviteViews.created(
            request.viewer, invite: invite, link: InvitesController.absoluteLink(request, token: token),
            back: ("Back to \(peer.preferredName)'s journey", .relationship(try relationship.requireID())), code: code)
    }

    /// A coordinator, as the second person, releases a peer's record from the login it is linked
    /// to (a lost address, or a login that was never theirs). The login's owner is told; its
    /// owner keeps their account but no longer reaches the record.
    static func release(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (relationship, peer) = try await RecordDoor.relationship(request, for: .releasePeerLogin).pair
        let relationshipID = try relationship.requireID()
        guard let formerLogin = peer.accountID else {
            return request.redirect(to: AppURL.relationship(relationshipID).path, redirectType: .normal)
        }
        let peerID = try peer.requireID()
        try await request.db.transaction { db in
            try await (db as! any SQLDatabase).update("peers").set("account_id", to: SQLLiteral.null)
                .where("id", .equal, SQLBind(peerID)).where("organisation_id", .equal, SQLBind(actor.organisationID))
                .where("account_id", .equal, SQLBind(formerLogin)).run()
            try await InboxNotification(
                organisationID: actor.organisationID, to: formerLogin, kind: .loginReleased,
                message:
                    "A coordinator released your login from your record, so it no longer opens your journey and plans. If you didn't ask for this, talk to your peer worker or the service.",
                link: .home, at: request.now
            ).create(on: db)
            try await request.audit(on: db).record(
                request, action: Action.releasePeerLogin.rawValue, target: "peer", targetID: peerID.uuidString, outcome: .success,
                detail: "login " + formerLogin.uuidString)
        }
        return request.redirect(to: AppURL.relationship(relationshipID).path + "?released=1", redirectType: .normal)
    }
}
