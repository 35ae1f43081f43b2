import AlongsideDomain
import Fluent
import Vapor

/// A synthetic organisation for trying Alongside and for tests: one account per role, named
/// `<role>@demo.alongside.test`, plus a few colleagues who joined over the past months.
/// Every name here is invented.
enum DemoData {
    static let organisationName = "Demo Peer Service"
    static let emailDomain = "demo.alongside.test"

    struct Person {
        let email: String
        let name: String
        let roles: Set<Role>
        let joinedDaysAgo: Int
        var leftDaysAgo: Int? = nil
    }

    static let people: [Person] = [
        Person(email: "admin@\(emailDomain)", name: "Kai Thompson", roles: [.admin], joinedDaysAgo: 400),
        Person(email: "coordinator@\(emailDomain)", name: "Morgan Ellis", roles: [.coordinator], joinedDaysAgo: 395),
        Person(email: "supervisor@\(emailDomain)", name: "Priya Natarajan", roles: [.supervisor], joinedDaysAgo: 380),
        Person(email: "peerworker@\(emailDomain)", name: "Sam Okafor", roles: [.peerWorker], joinedDaysAgo: 350),
        Person(email: "peer@\(emailDomain)", name: "Jordan Reyes", roles: [.peer], joinedDaysAgo: 120),
        Person(email: "clinician@\(emailDomain)", name: "Alex Chen", roles: [.clinician], joinedDaysAgo: 300),
        Person(email: "evaluator@\(emailDomain)", name: "Robin Hartley", roles: [.evaluator], joinedDaysAgo: 200),
        Person(email: "tama.wiremu@\(emailDomain)", name: "Tama Wiremu", roles: [.peerWorker], joinedDaysAgo: 260),
        Person(email: "lee.fairweather@\(emailDomain)", name: "Lee Fairweather", roles: [.peerWorker, .supervisor], joinedDaysAgo: 330),
        Person(email: "ana.sousa@\(emailDomain)", name: "Ana Sousa", roles: [.peerWorker], joinedDaysAgo: 75),
        Person(email: "chris.dunmore@\(emailDomain)", name: "Chris Dunmore", roles: [.peerWorker], joinedDaysAgo: 310, leftDaysAgo: 40),
    ]

    struct Result {
        let organisationID: UUID
        let created: Int
        let refreshed: Int
    }

    /// Creates the demo organisation, or refreshes it: passwords reset, roles restored, and the
    /// people who should be active reactivated. Safe to run again.
    /// - Parameter journeys: also add demo peers, relationships and conversations (the command always does).
    static func seed(
        on database: any Database, passwords: AccountPasswords, auditKey: AuditKey, password: String, now: Date,
        journeys: Bool = true
    ) async throws -> Result {
        let passwordHash = try await passwords.hash(password)
        return try await database.transaction { db in
            let audit = AuditLog(database: db, clock: AppClock(now: { now }), key: auditKey)
            let organisation: Organisation
            if let existing = try await Organisation.query(on: db).filter(\.$name == organisationName).first() {
                organisation = existing
            } else {
                organisation = Organisation(name: organisationName, createdAt: now.addingTimeInterval(-410 * 86_400))
                try await organisation.create(on: db)
            }
            let organisationID = try organisation.requireID()
            var created = 0
            var refreshed = 0
            for person in people {
                let email = EmailAddress(person.email)!
                let account: Account
                if let existing = try await Account.query(on: db).filter(\.$email == email.value).first() {
                    guard existing.$organisation.id == organisationID else { continue }
                    account = existing
                    account.passwordHash = passwordHash
                    // A new password ends every session the old one opened.
                    try await SessionStore.endAll(accountID: try existing.requireID(), on: db)
                    refreshed += 1
                } else {
                    account = Account(
                        organisationID: organisationID, email: email, displayName: person.name,
                        passwordHash: passwordHash, createdAt: now.addingTimeInterval(-Double(person.joinedDaysAgo) * 86_400))
                    created += 1
                }
                account.deactivatedAt = person.leftDaysAgo.map { now.addingTimeInterval(-Double($0) * 86_400) }
                try await account.save(on: db)
                let accountID = try account.requireID()
                try await AccountRole.query(on: db).filter(\.$account.$id == accountID).delete()
                for role in person.roles.sorted() {
                    try await AccountRole(organisationID: organisationID, accountID: accountID, role: role).create(on: db)
                }
            }
            let workers = try await CaseloadQueries.peerWorkers(in: organisationID, on: db).map(\.id)
            let author = try await Account.query(on: db).filter(\.$email == "coordinator@\(emailDomain)").first()?.requireID()
            let peers =
                !journeys
                ? 0
                : try await DemoJourneys.seed(
                    organisationID: organisationID, workers: workers, author: author ?? workers.first ?? UUID(), on: db, now: now)
            if journeys {
                try await DemoPortal.link(organisationID: organisationID, on: db)
                try await DemoHeadspace.seed(organisationID: organisationID, on: db)
                if let author { try await DemoSupervision.seed(organisationID: organisationID, by: author, on: db, now: now) }
                try await DemoPlans.seed(organisationID: organisationID, now: now, on: db)
                try await JourneySummary.recompute(in: organisationID, on: db)
            }
            try await audit.append(
                .init(
                    organisationID: organisationID, actorID: nil, action: "seedDemo", targetKind: "organisation",
                    targetID: organisationID.uuidString, outcome: .success,
                    detail: "demo accounts: \(created) created, \(refreshed) refreshed; \(peers) peers added"))
            return Result(organisationID: organisationID, created: created, refreshed: refreshed)
        }
    }
}
