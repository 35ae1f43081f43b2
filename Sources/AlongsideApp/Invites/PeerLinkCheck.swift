import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// The second half of linking a peer to their login: the code matches, and the worker who made
/// the link still walks alongside the peer in an open relationship.
enum PeerLinkCheck {
    /// Nil when the link may be used; otherwise what to tell the person (the field's message).
    /// A wrong code is counted in one statement, so parallel guesses can't outrun the limit.
    static func problem(invite: Invite, code: String, request: Request) async throws -> String? {
        let inviteID = try invite.requireID()
        guard let peerID = invite.peerID, let expected = invite.codeHash else {
            throw PageError.gone("This invite can't be used. Ask your peer worker for a new one.")
        }
        let stillTheirs = try await Relationship.query(on: request.db)
            .filter(\.$peerID == peerID).filter(\.$workerID == invite.invitedBy)
            .filter(\.$organisationID == invite.$organisation.id).all()
        var open = false
        for relationship in stillTheirs where !(try await JourneyStore.hasEnded(relationship, on: request.db)) { open = true }
        guard open else {
            try await withdraw(invite, request: request, detail: "worker no longer walks alongside the peer")
            throw PageError.gone(
                "This invite is no longer valid: the peer worker who made it no longer works with you. Ask your peer worker for a new one.")
        }
        // Each try is counted before the code is compared, in one statement: parallel guesses
        // can't all be compared before the count catches up with them.
        let counted = try await (request.db as! any SQLDatabase).raw(
            """
            UPDATE invites SET code_failures = code_failures + 1
            WHERE id = \(bind: inviteID) AND used_at IS NULL AND withdrawn_at IS NULL AND code_failures < \(bind: PeerLinkCode.maxFailures)
            RETURNING code_failures
            """
        ).first()
        guard let tries = try counted?.decode(column: "code_failures", as: Int.self) else {
            try await withdraw(invite, request: request, detail: "too many tries at the code")
            throw PageError.gone(tooMany)
        }
        if let typed = PeerLinkCode.normalised(code), SecretToken.matches(SecretToken.hash(typed), expected) { return nil }
        try await request.audit.record(
            request, action: Action.acceptInvite.rawValue, target: "invite", targetID: inviteID.uuidString, outcome: .failure,
            detail: "wrong code, try \(tries) of \(PeerLinkCode.maxFailures)", organisationID: invite.$organisation.id)
        if tries >= PeerLinkCode.maxFailures {
            try await withdraw(invite, request: request, detail: "too many wrong codes")
            throw PageError.gone(tooMany)
        }
        let left = PeerLinkCode.maxFailures - tries
        return "That code doesn't match. Check it with your peer worker: \(left) \(left == 1 ? "try" : "tries") left."
    }

    static let tooMany =
        "The code was tried too many times, so this link has stopped working. Ask your peer worker for a new one."

    private static func withdraw(_ invite: Invite, request: Request, detail: String) async throws {
        let inviteID = try invite.requireID()
        try await (request.db as! any SQLDatabase).update("invites").set("withdrawn_at", to: SQLBind(request.now))
            .where("id", .equal, SQLBind(inviteID)).where("withdrawn_at", .is, SQLLiteral.null).run()
        try await request.audit.record(
            request, action: Action.acceptInvite.rawValue, target: "invite", targetID: inviteID.uuidString, outcome: .denied,
            detail: detail, organisationID: invite.$organisation.id)
    }
}
