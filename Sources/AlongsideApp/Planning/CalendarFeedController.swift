import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// A peer worker's private calendar address: their planned conversations in their phone's
/// calendar, with initials and place only. The secret address is shown once and can be revoked.
enum CalendarFeedController {
    static func settings(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        return CalendarFeedView.settings(request.viewer, active: try await active(for: actor, on: request.db), newAddress: nil)
    }

    /// Makes a new address, replacing any earlier one (which stops working).
    static func create(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let token = SecretToken.generate()
        let feed = CalendarFeedRecord(
            organisationID: actor.organisationID, accountID: actor.accountID, tokenHash: SecretToken.hash(token), createdAt: request.now)
        try await request.db.transaction { db in
            try await revokeAll(for: actor, at: request.now, on: db)
            try await feed.create(on: db)
            try await request.audit(on: db).record(
                request, action: Action.manageCalendarFeed.rawValue, target: "calendarFeed", targetID: feed.id?.uuidString,
                outcome: .success, detail: "new address")
        }
        return CalendarFeedView.settings(request.viewer, active: feed, newAddress: request.absoluteURL(.calendarFeed(token: token)))
    }

    static func revoke(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        try await request.db.transaction { db in
            try await revokeAll(for: actor, at: request.now, on: db)
            try await request.audit(on: db).record(
                request, action: Action.manageCalendarFeed.rawValue, target: "calendarFeed", targetID: nil, outcome: .success,
                detail: "revoked")
        }
        return request.redirect(to: AppURL.calendarSettings.path + "?revoked=1", redirectType: .normal)
    }

    /// What a calendar app fetches. An unknown or revoked address, or one whose owner has left,
    /// is simply not there.
    static func feed(_ request: Request) async throws -> Response {
        var token = request.parameters.get("feed") ?? ""
        if token.hasSuffix(".ics") { token.removeLast(4) }
        guard token.count <= 128, !token.isEmpty,
            let feed = try await CalendarFeedRecord.query(on: request.db).filter(\.$tokenHash == SecretToken.hash(token))
                .filter(\.$revokedAt == nil).first(),
            let owner = try await AccountQueries.find(feed.accountID, in: feed.organisationID, on: request.db),
            owner.deactivatedAt == nil
        else { throw Abort(.notFound) }
        let events = try await PlanningQueries.feedEvents(
            for: feed.accountID, in: feed.organisationID, now: request.now, on: request.db)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: CalendarFeed.render(events, now: request.now)))
    }

    private static func active(for actor: Actor, on database: any Database) async throws -> CalendarFeedRecord? {
        try await CalendarFeedRecord.query(on: database).filter(\.$accountID == actor.accountID)
            .filter(\.$organisationID == actor.organisationID).filter(\.$revokedAt == nil).first()
    }

    private static func revokeAll(for actor: Actor, at now: Date, on database: any Database) async throws {
        try await CalendarFeedRecord.query(on: database).filter(\.$accountID == actor.accountID)
            .filter(\.$organisationID == actor.organisationID).filter(\.$revokedAt == nil)
            .set(\.$revokedAt, to: now).update()
    }
}
