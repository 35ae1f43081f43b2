import AlongsideDomain
import Fluent
import Vapor

/// Each person's notifications, newest first, unread ones marked.
enum InboxController {
    static let pageSize = 100

    static func show(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let notifications = try await InboxNotification.query(on: request.db).filter(\.$accountID == actor.accountID)
            .filter(\.$organisationID == actor.organisationID).sort(\.$createdAt, .descending).limit(pageSize).all()
        return InboxView.render(request.viewer, notifications: notifications)
    }

    /// Marks one as read and follows its link, so opening a notification is one tap.
    static func read(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let raw = request.parameters.get("notificationID") ?? ""
        guard let id = UUID(uuidString: raw),
            let notification = try await InboxNotification.query(on: request.db).filter(\.$id == id)
                .filter(\.$organisationID == actor.organisationID).first()
        else {
            throw PageError.notFound
        }
        try await request.authorize(
            .useInbox, Resource(kind: .ownAccount, organisationID: notification.organisationID, ownerID: notification.accountID),
            hideAsNotFound: true)
        if notification.readAt == nil {
            notification.readAt = request.now
            try await request.db.transaction { db in
                try await notification.save(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.useInbox.rawValue, target: "notification", targetID: notification.id?.uuidString,
                    outcome: .success, detail: "read")
            }
        }
        let link = AppURL.isSafeLocalPath(notification.link) ? notification.link : AppURL.inbox.path
        return request.redirect(to: link, redirectType: .normal)
    }

    static func readAll(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        try await request.db.transaction { db in
            try await InboxNotification.query(on: db).filter(\.$accountID == actor.accountID)
                .filter(\.$organisationID == actor.organisationID).filter(\.$readAt == nil).set(\.$readAt, to: request.now).update()
            try await request.audit(on: db).record(
                request, action: Action.useInbox.rawValue, target: "notification", targetID: nil, outcome: .success, detail: "read all")
        }
        return request.redirect(to: AppURL.inbox.path, redirectType: .normal)
    }
}
