import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// Starting, finding and ending signed-in sessions. The cookie carries a random key; the database
/// keeps only its hash, with idle and absolute expiry checked on every request.
enum SessionStore {
    static let cookieName = "alongside_session"

    /// Starts a fresh session: called at sign-in, so the key is always new (never one a visitor
    /// arrived with), which defeats session fixation.
    static func start(accountID: UUID, organisationID: UUID, on database: any Database, now: Date) async throws -> String {
        let key = SecretToken.generate()
        let record = StoredSession(
            organisationID: organisationID, accountID: accountID, keyHash: SecretToken.hash(key),
            csrfToken: SecretToken.generate(), now: now)
        try await record.create(on: database)
        return key
    }

    static func cookie(for key: String, settings: SessionSettings) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: key, maxAge: Int(settings.lifetime.absolute), path: "/",
            isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    static func expiredCookie(settings: SessionSettings) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
            isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }

    /// What a cookie key leads to: a live session, one that has ended (kept a while, unusable, so a
    /// form sent after it ended can be held for its writer), or nothing.
    enum Lookup {
        case live(SignedInSession)
        case ended(accountID: UUID)
        case unknown
    }

    /// `reads` answers the one query every signed-in request asks (see `Request.reads`); `database`
    /// takes the rare writes.
    static func lookup(
        key: String, on database: any Database, reads: any SQLDatabase, lifetime: SessionLifetime, now: Date
    ) async throws -> Lookup {
        let sql = database as! any SQLDatabase
        // One row per role the person holds: the session, the person and their roles in one query,
        // because this runs on every signed-in request.
        let rows = try await reads.raw(
            """
            SELECT s.id, s.csrf_token, s.created_at, s.last_seen_at, s.organisation_id, s.account_id,
                   a.display_name, a.email, a.deactivated_at, a.time_zone, a.landing_role, a.totp_enabled_at,
                   o.name AS organisation_name, o.quiet_days, o.time_zone AS organisation_time_zone, o.require_second_factor, r.role,
                   (SELECT COUNT(*) FROM notifications n
                    WHERE n.account_id = s.account_id AND n.organisation_id = s.organisation_id AND n.read_at IS NULL) AS unread
            FROM sessions s
            JOIN accounts a ON a.id = s.account_id AND a.organisation_id = s.organisation_id
            JOIN organisations o ON o.id = s.organisation_id
            LEFT JOIN account_roles r ON r.account_id = s.account_id AND r.organisation_id = s.organisation_id
            WHERE s.key_hash = \(bind: SecretToken.hash(key))
            """
        ).all()
        guard let row = rows.first else { return .unknown }
        let sessionID = try row.decodeID(column: "id")
        let createdAt = try row.decode(column: "created_at", as: Date.self)
        let lastSeenAt = try row.decode(column: "last_seen_at", as: Date.self)
        let deactivatedAt = try row.decode(column: "deactivated_at", as: Date?.self)
        guard deactivatedAt == nil else {
            try await StoredSession.query(on: database).filter(\.$id == sessionID).delete()
            return .unknown
        }
        // An ended session opens nothing; its row stays until `removeExpired`, only to say whose it was.
        guard lifetime.isLive(createdAt: createdAt, lastSeenAt: lastSeenAt, now: now) else {
            return .ended(accountID: try row.decodeID(column: "account_id"))
        }
        if lifetime.needsTouch(lastSeenAt: lastSeenAt, now: now) {
            try await sql.update("sessions").set("last_seen_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(sessionID)).run()
        }
        let accountID = try row.decodeID(column: "account_id")
        let organisationID = try row.decodeID(column: "organisation_id")
        let roles = Set(try rows.compactMap { try $0.decode(column: "role", as: String?.self).flatMap(Role.init(rawValue:)) })
        let required = try row.decode(column: "require_second_factor", as: Bool.self)
        let hasSecondFactor = try row.decode(column: "totp_enabled_at", as: Date?.self) != nil
        let actor = Actor(accountID: accountID, organisationID: organisationID, roles: roles)
        return .live(
            SignedInSession(
                sessionID: sessionID,
                actor: Actor(
                    accountID: accountID, organisationID: organisationID, roles: roles,
                    mustSetUpSecondFactor: required && !hasSecondFactor && actor.isStaff),
                displayName: try row.decode(column: "display_name", as: String.self),
                email: try row.decode(column: "email", as: String.self),
                organisationName: try row.decode(column: "organisation_name", as: String.self),
                csrfToken: try row.decode(column: "csrf_token", as: String.self),
                quietDays: try row.decode(column: "quiet_days", as: Int.self),
                unreadNotifications: try row.decode(column: "unread", as: Int.self),
                zone: ZoneCatalog.rules(
                    for: try row.decode(column: "time_zone", as: String?.self)
                        ?? row.decode(column: "organisation_time_zone", as: String.self)) ?? .utc,
                landingRole: try row.decode(column: "landing_role", as: String?.self).flatMap(Role.init(rawValue:))))
    }

    static func end(sessionID: UUID, on database: any Database) async throws {
        try await StoredSession.query(on: database).filter(\.$id == sessionID).delete()
    }

    /// Signs an account out everywhere, optionally keeping one session (the one changing a password).
    static func endAll(accountID: UUID, except keep: UUID? = nil, on database: any Database) async throws {
        var query = StoredSession.query(on: database).filter(\.$account.$id == accountID)
        if let keep { query = query.filter(\.$id != keep) }
        try await query.delete()
    }

    /// Removes sessions that ended longer ago than a held form is kept: until then an ended row
    /// only says whose form it was (`HeldForm`).
    static func removeExpired(on database: any Database, lifetime: SessionLifetime, now: Date) async throws {
        let grace = HeldForm.lifetime
        try await StoredSession.query(on: database)
            .group(.or) { group in
                group.filter(\.$lastSeenAt < now.addingTimeInterval(-lifetime.idle - grace))
                    .filter(\.$createdAt < now.addingTimeInterval(-lifetime.absolute - grace))
            }
            .delete()
    }
}
