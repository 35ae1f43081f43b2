import AlongsideDomain
import Fluent
import Foundation
import SQLKit

/// Reads about accounts, always within one organisation.
enum AccountQueries {
    static func roles(of accountID: UUID, organisationID: UUID, on database: any Database) async throws -> Set<Role> {
        let rows = try await AccountRole.query(on: database)
            .filter(\.$account.$id == accountID)
            .filter(\.$organisationID == organisationID)
            .all()
        return Set(rows.compactMap { Role(rawValue: $0.role) })
    }

    /// Active accounts holding any of these roles, in one organisation.
    static func holders(of roles: Set<Role>, in organisationID: UUID, on database: any Database) async throws -> Set<UUID> {
        let rows = try await AccountRole.query(on: database)
            .filter(\.$organisationID == organisationID)
            .filter(\.$role ~~ roles.map(\.rawValue))
            .join(Account.self, on: \AccountRole.$account.$id == \Account.$id)
            .filter(Account.self, \.$deactivatedAt == nil)
            .all()
        return Set(rows.map { $0.$account.id })
    }

    /// An account in the actor's organisation, or nil: ids from elsewhere are simply not found.
    static func find(_ id: UUID, in organisationID: UUID, on database: any Database) async throws -> Account? {
        try await Account.query(on: database)
            .filter(\.$id == id)
            .filter(\.$organisation.$id == organisationID)
            .first()
    }

    static func activeAdminCount(in organisationID: UUID, on database: any Database) async throws -> Int {
        let sql = database as! any SQLDatabase
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM account_roles r JOIN accounts a ON a.id = r.account_id
            WHERE r.organisation_id = \(bind: organisationID) AND r.role = \(bind: Role.admin.rawValue)
              AND a.deactivated_at IS NULL
            """
        ).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    static func anyAdminExists(on database: any Database) async throws -> Bool {
        try await AccountRole.query(on: database).filter(\.$role == Role.admin.rawValue).first() != nil
    }

    struct Listed: Sendable {
        let id: UUID
        let displayName: String
        let email: String
        let roles: [Role]
        let isActive: Bool
        let createdAt: Date
    }

    static func list(in organisationID: UUID, on database: any Database) async throws -> [Listed] {
        let sql = database as! any SQLDatabase
        let accounts = try await sql.raw(
            """
            SELECT id, display_name, email, deactivated_at, created_at FROM accounts
            WHERE organisation_id = \(bind: organisationID) ORDER BY display_name
            """
        ).all()
        let roleRows = try await sql.raw(
            """
            SELECT account_id, role FROM account_roles WHERE organisation_id = \(bind: organisationID)
            """
        ).all()
        var rolesByAccount: [UUID: [Role]] = [:]
        for row in roleRows {
            if let role = Role(rawValue: try row.decode(column: "role", as: String.self)) {
                rolesByAccount[try row.decodeID(column: "account_id"), default: []].append(role)
            }
        }
        return try accounts.map { row in
            let id = try row.decodeID(column: "id")
            return Listed(
                id: id, displayName: try row.decode(column: "display_name", as: String.self),
                email: try row.decode(column: "email", as: String.self), roles: (rolesByAccount[id] ?? []).sorted(),
                isActive: try row.decode(column: "deactivated_at", as: Date?.self) == nil,
                createdAt: try row.decode(column: "created_at", as: Date.self))
        }
    }

    /// Display names for a few accounts, for "written by" lines: one query, only the ones asked for.
    static func names(of ids: some Collection<UUID>, in organisationID: UUID, on database: any Database) async throws -> [UUID: String] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        let rows = try await (database as! any SQLDatabase).select().columns("id", "display_name").from("accounts")
            .where("organisation_id", .equal, SQLBind(organisationID))
            .where("id", .in, SQLBind.group(unique))
            .all()
        var names: [UUID: String] = [:]
        for row in rows { names[try row.decodeID(column: "id")] = try row.decode(column: "display_name", as: String.self) }
        return names
    }
}
