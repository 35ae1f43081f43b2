import AlongsideDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// Putting email in the queue. It is written in the same transaction as what it tells about, so
/// a message is queued exactly when the thing happened; sending happens later (`OutboxSender`),
/// and never holds up a request.
enum Outbox {
    /// Queues a message of one kind to each of these people who hasn't turned it off. Nothing is
    /// queued when email isn't set up: the in-app inbox is all there is.
    static func queue(
        _ kind: MailKind, to accounts: Set<UUID>, in organisationID: UUID, link: AppURL, application: Application, at now: Date,
        dedupeKey: String? = nil, on database: any Database
    ) async throws {
        guard application.settings.mail != nil, !accounts.isEmpty else { return }
        let people = try await Account.query(on: database)
            .filter(\.$organisation.$id == organisationID).filter(\.$id ~~ Array(accounts)).filter(\.$deactivatedAt == nil).all()
        let service = try await Organisation.find(organisationID, on: database)?.name ?? "your service"
        for person in people where !MailKind.turnedOff(person.mailOff).contains(kind) {
            try await insert(
                OutboxMessage(
                    organisationID: organisationID, accountID: person.id, kind: kind.rawValue, to: person.email, subject: kind.subject,
                    body: kind.body(service: service, link: absolute(link, application)),
                    dedupeKey: dedupeKey.map { "\($0):\(person.id?.uuidString ?? "")" }, at: now),
                on: database)
        }
    }

    /// Queues a message to an address that has no account yet (an invite) or whose owner asked
    /// for it (a password reset), with the link as given.
    static func queue(
        _ kind: MailKind, toAddress address: String, accountID: UUID?, in organisationID: UUID, link: String, validFor: String?,
        application: Application, at now: Date, on database: any Database
    ) async throws {
        guard application.settings.mail != nil else { return }
        let service = try await Organisation.find(organisationID, on: database)?.name ?? "your service"
        try await insert(
            OutboxMessage(
                organisationID: organisationID, accountID: accountID, kind: kind.rawValue, to: address, subject: kind.subject,
                body: kind.body(service: service, link: link, validFor: validFor), dedupeKey: nil, at: now),
            on: database)
    }

    static func absolute(_ link: AppURL, _ application: Application) -> String {
        application.settings.server.linkBase.trimmingSuffix("/") + link.path
    }

    /// A reminder already queued (same dedupe key) is not queued again.
    private static func insert(_ message: OutboxMessage, on database: any Database) async throws {
        if let key = message.dedupeKey,
            try await OutboxMessage.query(on: database).filter(\.$dedupeKey == key).first() != nil
        {
            return
        }
        try await message.create(on: database)
    }

    struct Summary: Sendable {
        var waiting = 0
        var givenUp = 0
        var sentLastDay = 0
        var lastError: String?
        var lastErrorAt: Date?
    }

    /// How the queue stands, for the settings page and the admins' view.
    static func summary(in organisationID: UUID, now: Date, on database: any Database) async throws -> Summary {
        var summary = Summary()
        let query = { OutboxMessage.query(on: database).filter(\.$organisationID == organisationID) }
        summary.waiting = try await query().filter(\.$sentAt == nil).filter(\.$givenUpAt == nil).count()
        summary.givenUp = try await query().filter(\.$givenUpAt != nil).count()
        summary.sentLastDay = try await query().filter(\.$sentAt >= now.addingTimeInterval(-86_400)).count()
        if let failed = try await query().filter(\.$lastError != nil).filter(\.$sentAt == nil).sort(\.$sendAfter, .descending).first() {
            summary.lastError = failed.lastError
            summary.lastErrorAt = failed.sendAfter
        }
        return summary
    }
}
