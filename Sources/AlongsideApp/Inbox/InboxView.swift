import AlongsideDomain
import Plot
import Vapor

enum InboxView {
    static func render(_ viewer: Viewer, notifications: [InboxNotification]) -> Response {
        let unread = notifications.filter { $0.readAt == nil }.count
        return viewer.page("Inbox") {
            H1("Inbox")
            Paragraph(unread == 0 ? "Nothing new." : "\(unread) new.").class("hint").safeAttribute("role", "status")
            if notifications.isEmpty {
                Paragraph("No notifications yet. When something needs you, it appears here.")
            } else {
                if unread > 0 {
                    Form(url: AppURL.readAllNotifications.path, method: .post) {
                        CSRFField(token: viewer.csrfToken)
                        Button("Mark all as read").safeAttribute("type", "submit").class("link-button")
                    }
                }
                List(notifications) { notification in
                    ListItem {
                        Paragraph {
                            if notification.readAt == nil { Tag.strong("New: ") }
                            Text(notification.message)
                        }
                        Paragraph(DateText.long(notification.createdAt)).class("hint")
                        Form(url: AppURL.readNotification(notification.id ?? UUID()).path, method: .post) {
                            CSRFField(token: viewer.csrfToken)
                            Button(notification.readAt == nil ? "Open and mark as read" : "Open").safeAttribute("type", "submit")
                        }
                    }
                    .class(notification.readAt == nil ? "notification unread" : "notification")
                }
                .class("inbox")
            }
        }
    }
}
