import AlongsideDomain
import Fluent
import Foundation
import SQLKit
import Vapor

/// What hands a message to a mail server: SMTP in production, a recorder in tests.
protocol MailTransport: Sendable {
    func send(to recipient: String, subject: String, body: String, messageID: String, at date: Date) async throws
}

extension SMTPClient: MailTransport {}

extension Application {
    private struct MailTransportKey: StorageKey { typealias Value = any MailTransport }

    /// The transport the queue sends through; SMTP with the settings unless a test puts another here.
    var mailTransport: (any MailTransport)? {
        get { storage[MailTransportKey.self] ?? settings.mail.map { SMTPClient(settings: $0) } }
        set { storage[MailTransportKey.self] = newValue }
    }
}

/// Sends what is in the queue, from any number of server instances: each message is claimed by
/// one instance with a single conditional UPDATE (claimed until a deadline, so a crashed
/// instance's claim lapses), sent, then marked sent. A failure waits longer each time
/// (`MailKind.retryDelay`) and, after `MailKind.maxAttempts`, is given up and shown to admins.
enum OutboxSender {
    static let instance = UUID().uuidString

    /// Sends every message that is due now, one at a time. Returns how many were sent.
    @discardableResult
    static func runOnce(_ application: Application) async -> Int {
        guard let transport = application.mailTransport else { return 0 }
        await queueFollowUpReminders(application)
        var sent = 0
        while let claimed = await claim(application) {
            let now = application.clock.now()
            do {
                try await transport.send(
                    to: claimed.to, subject: claimed.subject, body: claimed.body,
                    messageID: "\(claimed.id.uuidString.lowercased())@\(application.settings.mail?.helloName ?? "alongside")", at: now)
                try await finish(claimed, error: nil, application)
                sent += 1
            } catch {
                application.logger.warning("An email could not be sent (attempt \(claimed.attempts)): \(String(describing: error))")
                try? await finish(claimed, error: String(describing: error), application)
            }
        }
        return sent
    }

    struct Claimed {
        let id: UUID
        let to: String
        let subject: String
        let body: String
        let attempts: Int
    }

    static func claim(_ application: Application) async -> Claimed? {
        let now = application.clock.now()
        let lease = now.addingTimeInterval(Double((application.settings.mail?.timeoutSeconds ?? 30) + 60))
        let sql = application.db as! any SQLDatabase
        do {
            let row = try await sql.raw(
                """
                UPDATE outbox SET claimed_by = \(bind: instance), claimed_until = \(bind: lease), attempts = attempts + 1
                WHERE id = (SELECT id FROM outbox
                            WHERE sent_at IS NULL AND given_up_at IS NULL AND send_after <= \(bind: now)
                              AND (claimed_until IS NULL OR claimed_until < \(bind: now))
                            ORDER BY send_after LIMIT 1)
                  AND sent_at IS NULL AND given_up_at IS NULL AND (claimed_until IS NULL OR claimed_until < \(bind: now))
                RETURNING id, to_address, subject, body, attempts
                """
            ).first()
            guard let row else { return nil }
            return Claimed(
                id: try row.decodeID(column: "id"), to: try row.decode(column: "to_address", as: String.self),
                subject: try row.decode(column: "subject", as: String.self), body: try row.decode(column: "body", as: String.self),
                attempts: try row.decode(column: "attempts", as: Int.self))
        } catch {
            application.logger.warning("The email queue could not be read: \(String(describing: error))")
            return nil
        }
    }

    static func finish(_ claimed: Claimed, error: String?, _ application: Application) async throws {
        let now = application.clock.now()
        let sql = application.db as! any SQLDatabase
        if let error {
            let givingUp = claimed.attempts >= MailKind.maxAttempts
            try await sql.update("outbox")
                .set("last_error", to: SQLBind(String(error.prefix(500))))
                .set("claimed_by", to: SQLLiteral.null).set("claimed_until", to: SQLLiteral.null)
                .set("send_after", to: SQLBind(now.addingTimeInterval(MailKind.retryDelay(afterAttempt: claimed.attempts))))
                .set("given_up_at", to: givingUp ? SQLBind(now) as any SQLExpression : SQLLiteral.null)
                // A message given up keeps no link (a reset or invite link is a key while it works).
                .set("body", to: givingUp ? SQLBind("") as any SQLExpression : SQLColumn("body"))
                .where("id", .equal, SQLBind(claimed.id)).where("claimed_by", .equal, SQLBind(instance))
                .run()
        } else {
            try await sql.update("outbox")
                .set("sent_at", to: SQLBind(now)).set("last_error", to: SQLLiteral.null)
                // Once sent, the words (and any link in them, which may be a key) are not kept.
                .set("body", to: SQLBind(""))
                .set("claimed_by", to: SQLLiteral.null).set("claimed_until", to: SQLLiteral.null)
                .where("id", .equal, SQLBind(claimed.id)).where("claimed_by", .equal, SQLBind(instance))
                .run()
        }
    }

    /// An escalation's follow-up due within `reminderLead`, not yet followed up or reminded: its
    /// peer worker is told once. Marked first with a conditional UPDATE, so two instances remind once.
    /// How long before a follow-up is due its worker is reminded: a follow-up is due a day after
    /// the escalation, so a reminder at once would only repeat what they just did.
    static let reminderLead: TimeInterval = 2 * 3600

    static func queueFollowUpReminders(_ application: Application) async {
        let now = application.clock.now()
        let sql = application.db as! any SQLDatabase
        do {
            let due = try await sql.raw(
                """
                SELECT e.id, e.organisation_id, r.worker_id, c.id AS concern_id FROM escalations e
                JOIN concerns c ON c.id = e.concern_id AND c.organisation_id = e.organisation_id
                JOIN relationships r ON r.id = c.relationship_id AND r.organisation_id = c.organisation_id
                WHERE e.followed_up_at IS NULL AND e.reminded_at IS NULL AND c.closed_at IS NULL
                  AND e.follow_up_due <= \(bind: now.addingTimeInterval(reminderLead))
                LIMIT 100
                """
            ).all()
            for row in due {
                let id = try row.decodeID(column: "id")
                let organisationID = try row.decodeID(column: "organisation_id")
                let worker = try row.decodeID(column: "worker_id")
                let concern = try row.decodeID(column: "concern_id")
                try await application.db.transaction { db in
                    let marked = try await (db as! any SQLDatabase).raw(
                        "UPDATE escalations SET reminded_at = \(bind: now) WHERE id = \(bind: id) AND reminded_at IS NULL RETURNING id"
                    ).first()
                    guard marked != nil else { return }
                    try await Outbox.queue(
                        .followUpDue, to: [worker], in: organisationID, link: .concern(concern), application: application, at: now,
                        dedupeKey: "follow-up:\(id.uuidString)", on: db)
                }
            }
        } catch {
            application.logger.warning("Follow-up reminders could not be queued: \(String(describing: error))")
        }
    }
}

/// Runs the sender in the background while the server runs, every `MailSettings.pollSeconds`.
struct OutboxSending: LifecycleHandler {
    private let loop = RepeatingTask()

    func didBootAsync(_ application: Application) async throws {
        guard let mail = application.settings.mail, mail.pollSeconds > 0 else { return }
        await loop.start(every: mail.pollSeconds) { await OutboxSender.runOnce(application) }
    }

    func shutdownAsync(_ application: Application) async {
        await loop.stop()
    }
}
