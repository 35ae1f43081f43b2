import AlongsideDomain
import Fluent
import Foundation
import Testing
import Vapor

@testable import AlongsideApp

/// People and places the tests use, created through the same functions the app uses.
extension TestContext {
    static let demoPassword = "river stones and lanterns"

    @discardableResult
    func seedDemo(journeys: Bool = false) async throws -> DemoData.Result {
        try await DemoData.seed(
            on: db, passwords: app.accountPasswords, auditKey: app.auditKey, password: Self.demoPassword, now: clock.now,
            journeys: journeys)
    }

    func account(_ email: String) async throws -> Account {
        try #require(try await Account.query(on: db).filter(\.$email == email).first())
    }

    func demoAccount(_ role: Role) async throws -> Account {
        try await account("\(role.rawValue)@\(DemoData.emailDomain)")
    }

    /// A second organisation with its own admin, to prove nothing crosses between tenants.
    func otherOrganisationAdmin() async throws -> Account {
        let organisation = Organisation(name: "Harbour Peer Collective", createdAt: clock.now)
        try await organisation.create(on: db)
        let account = Account(
            organisationID: try organisation.requireID(), email: EmailAddress("admin@harbour.example")!,
            displayName: "Rua Harbour", passwordHash: try await app.accountPasswords.hash(Self.demoPassword),
            createdAt: clock.now)
        try await account.create(on: db)
        try await AccountRole(organisationID: try organisation.requireID(), accountID: try account.requireID(), role: .admin)
            .create(on: db)
        return account
    }

    /// A client already signed in as the account, through the real sign-in form.
    func signedInClient(_ email: String, password: String = demoPassword, secondFactor: [UInt8]? = nil) async throws -> TestClient {
        let client = client()
        try await client.get("/login")
        var page = try await client.post("/login", [("email", email), ("password", password)])
        if let secondFactor, page.location == "/login/code" {
            try await client.get("/login/code")
            page = try await client.post("/login/code", [("code", SecondFactorStore.totp(secondFactor).generate(time: clock.now))])
        }
        guard page.status == .seeOther else {
            throw TestFailure("sign-in as \(email) failed with \(page.status)")
        }
        try await client.get("/home")
        return client
    }

    /// A session made directly in the store: fast, for tests that sign in many times.
    func directSession(for account: Account) async throws -> (cookie: String, csrf: String) {
        let key = try await SessionStore.start(
            accountID: try account.requireID(), organisationID: account.$organisation.id,
            on: db, now: clock.now)
        let record = try #require(try await StoredSession.query(on: db).filter(\.$keyHash == SecretToken.hash(key)).first())
        return (key, record.csrfToken)
    }

    /// A personal access token for an account, reaching every API area unless told otherwise.
    func directToken(
        for account: Account, scopes: TokenScopes = TokenScopes(Dictionary(uniqueKeysWithValues: APIArea.allCases.map { ($0, .write) }))
    ) async throws -> String {
        let secret = AccessTokenRecord.prefix + SecretToken.generate()
        let actor = Actor(accountID: try account.requireID(), organisationID: account.$organisation.id, roles: [])
        let draft = AccessTokenDraft(name: "test token", scopes: scopes)
        try await AccessTokenRecord(actor: actor, draft: draft, tokenHash: SecretToken.hash(secret), at: clock.now).create(on: db)
        return secret
    }

    func auditEntries(action: String) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: db).filter(\.$action == action).sort(\.$sequence).all()
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
