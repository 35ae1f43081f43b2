import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// Who a bearer token acts for. A token acts as its person would, narrowed to its scopes: their
/// roles, their organisation and their second-factor duty are read fresh on every call, so a
/// role taken away or an account closed stops the token at once.
enum AccessTokenStore {
    static func session(for token: String, on database: any Database, now: Date) async throws -> SignedInSession? {
        guard token.hasPrefix(AccessTokenRecord.prefix), token.utf8.count <= 100 else { return nil }
        let sql = database as! any SQLDatabase
        let rows = try await sql.raw(
            """
            SELECT t.id, t.scopes, t.last_used_at, t.organisation_id, t.account_id,
                   a.display_name, a.email, a.deactivated_at, a.time_zone, a.totp_enabled_at,
                   o.name AS organisation_name, o.quiet_days, o.time_zone AS organisation_time_zone, o.require_second_factor, r.role
            FROM access_tokens t
            JOIN accounts a ON a.id = t.account_id AND a.organisation_id = t.organisation_id
            JOIN organisations o ON o.id = t.organisation_id
            LEFT JOIN account_roles r ON r.account_id = t.account_id AND r.organisation_id = t.organisation_id
            WHERE t.token_hash = \(bind: SecretToken.hash(token)) AND t.revoked_at IS NULL
            """
        ).all()
        guard let row = rows.first, try row.decode(column: "deactivated_at", as: Date?.self) == nil else { return nil }
        let tokenID = try row.decodeID(column: "id")
        let accountID = try row.decodeID(column: "account_id")
        let organisationID = try row.decodeID(column: "organisation_id")
        let roles = Set(try rows.compactMap { try $0.decode(column: "role", as: String?.self).flatMap(Role.init(rawValue:)) })
        let required = try row.decode(column: "require_second_factor", as: Bool.self)
        let hasSecondFactor = try row.decode(column: "totp_enabled_at", as: Date?.self) != nil
        let staff = Actor(accountID: accountID, organisationID: organisationID, roles: roles).isStaff
        // "Last used" is kept to the minute: enough for a person to spot a token they don't recognise.
        let lastUsed = try row.decode(column: "last_used_at", as: Date?.self)
        if lastUsed.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
            try await sql.update(AccessTokenRecord.schema).set("last_used_at", to: SQLBind(now)).where("id", .equal, SQLBind(tokenID)).run()
        }
        return SignedInSession(
            sessionID: tokenID,
            actor: Actor(
                accountID: accountID, organisationID: organisationID, roles: roles,
                mustSetUpSecondFactor: required && !hasSecondFactor && staff,
                tokenScopes: TokenScopes(stored: try row.decode(column: "scopes", as: String.self))),
            displayName: try row.decode(column: "display_name", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            organisationName: try row.decode(column: "organisation_name", as: String.self),
            csrfToken: "",
            quietDays: try row.decode(column: "quiet_days", as: Int.self),
            zone: ZoneCatalog.rules(
                for: try row.decode(column: "time_zone", as: String?.self)
                    ?? row.decode(column: "organisation_time_zone", as: String.self)) ?? .utc)
    }

    /// Every token of an account stops: with its sessions, when its password is changed or reset
    /// or it is switched off, so a token made with a stolen session doesn't outlive the recovery.
    static func revokeAll(for accountID: UUID, at now: Date, on database: any Database) async throws {
        try await AccessTokenRecord.query(on: database).filter(\.$accountID == accountID).filter(\.$revokedAt == nil)
            .set(\.$revokedAt, to: now).update()
    }

    static func active(for actor: Actor, on database: any Database) async throws -> [AccessTokenRecord] {
        try await AccessTokenRecord.query(on: database).filter(\.$organisationID == actor.organisationID)
            .filter(\.$accountID == actor.accountID).filter(\.$revokedAt == nil).sort(\.$createdAt, .descending).all()
    }
}
