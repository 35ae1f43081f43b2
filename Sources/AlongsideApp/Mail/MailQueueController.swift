import AlongsideDomain
import Fluent
import Plot
import Vapor

/// The email queue as admins see it: what is waiting, sent or given up, to which address, with
/// the subject (which never names a peer) and the last error. Never the message's link.
enum MailQueueController {
    static func show(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let messages = try await OutboxMessage.query(on: request.db)
            .filter(\.$organisationID == actor.organisationID)
            .sort(\.$createdAt, .descending).limit(100).all()
        let summary = try await Outbox.summary(in: actor.organisationID, now: request.now, on: request.db)
        try await request.audit.record(
            request, action: Action.viewMailQueue.rawValue, target: "outbox", targetID: nil, outcome: .success)
        return request.viewer.page("Email") {
            Written.heading("Email")
            MailStatus(settings: request.application.settings.mail, summary: summary)
            if messages.isEmpty {
                Written.paragraph("No email yet.")
            } else {
                MailTable(messages: messages)
            }
        }
    }
}

struct MailTable: WrittenHTML {
    let messages: [OutboxMessage]

    var html: Markup {
        var html: Markup = "<div class=\"table-scroll\" role=\"region\" aria-label=\"The latest email\" tabindex=\"0\">"
        html += "<table class=\"data-table\"><caption>The latest email, newest first</caption><thead><tr>"
        for title in ["Queued", "To", "Subject", "Status", "Tries", "Last problem"] { html += "<th>\(title)</th>" }
        html += "</tr></thead><tbody>"
        for message in messages {
            let status =
                switch message.status {
                case .sent: "Sent \(DateText.long(message.sentAt ?? message.createdAt))"
                case .givenUp: "Given up"
                case .waiting: "Waiting, next try \(DateText.long(message.sendAfter))"
                }
            html += "<tr><td data-label=\"Queued\">\(DateText.long(message.createdAt))</td>"
            html += "<td data-label=\"To\">\(message.toAddress)</td><td data-label=\"Subject\">\(message.subject)</td>"
            html += "<td data-label=\"Status\">\(status)</td><td data-label=\"Tries\">\(String(message.attempts))</td>"
            html += "<td data-label=\"Last problem\">\(message.lastError ?? "")</td></tr>"
        }
        return html + "</tbody></table></div>"
    }
}

/// Whether email is set up and how the queue stands: on the service settings page and the queue's.
struct MailStatus: Component {
    let settings: MailSettings?
    let summary: Outbox.Summary

    var body: Component {
        Div {
            H2("Email")
            if let settings {
                Paragraph(
                    "Email goes out through \(settings.host):\(settings.port) (\(settings.security == .none ? "unencrypted" : settings.security == .tls ? "TLS" : "STARTTLS")), from \(settings.fromAddress). \(summary.sentLastDay) sent in the last day, \(summary.waiting) waiting, \(summary.givenUp) given up."
                )
                if let error = summary.lastError, let at = summary.lastErrorAt {
                    Paragraph(
                        "Sending is failing: \(error). The messages stay in the queue and are tried again (next around \(DateText.long(at)))."
                    )
                    .class("form-message").safeAttribute("role", "alert")
                }
            } else {
                Paragraph(
                    "Email isn't set up (no SMTP settings), so Alongside sends none: escalations and replies reach people in their inbox here, invites are links to hand over, and nobody can reset a forgotten password by email. The README's configuration table lists the ALONGSIDE_SMTP_ settings."
                )
            }
        }
        .class("mail-status")
    }
}
