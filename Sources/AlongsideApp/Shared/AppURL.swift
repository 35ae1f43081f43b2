import Foundation
import Vapor

/// Every address in Alongside, declared once: routes are registered from these and every link
/// and redirect is built from them, so views hold no URL strings.
enum AppURL {
    case frontDoor
    case home
    case signIn(next: String?)
    case signOut
    case setup
    case changePassword
    case accounts
    case account(UUID)
    case accountRoles(UUID)
    case deactivateAccount(UUID)
    case reactivateAccount(UUID)
    case newInvite
    case invites
    case withdrawInvite(UUID)
    case acceptInvite(token: String)
    case auditTrail(page: Int?)
    case caseload(stage: String?, sort: String? = nil)
    case serviceRelationships(stage: String?, sort: String? = nil, page: Int? = nil)
    case newPeer
    case peers
    case relationship(UUID)
    case relationshipStage(UUID)
    case relationshipHandover(UUID)
    case newConversation(UUID)
    case conversations(UUID)
    case conversation(UUID)
    case editConversation(UUID)
    case conversationHistory(UUID)
    case answerResponse(conversation: UUID, response: UUID)
    case peerPortalInvite(UUID)
    case portal
    case headspace(UUID)
    case bulkHandover(UUID)
    case startAgain(UUID)
    case billing(UUID)
    case billingSignOff(UUID)
    case serviceSettings
    case calendarSettings
    case calendarRevoke
    case calendarFeed(token: String)
    case plans(UUID)
    case cancelPlan(UUID)
    case supervision
    case supervisionReflection(UUID)
    case supervisionLinks
    case endSupervisionLink(UUID)
    case portalNote(UUID)
    case portalComments(UUID)
    case portalCorrections(UUID)
    case stylesheet
    case icon
    case healthz
    case readyz

    var path: String {
        switch self {
        case .frontDoor: "/"
        case .home: "/home"
        case .signIn(let next):
            if let next, Self.isSafeLocalPath(next), next != "/" {
                "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")
            } else {
                "/login"
            }
        case .signOut: "/logout"
        case .setup: "/setup"
        case .changePassword: "/account/password"
        case .accounts: "/admin/accounts"
        case .account(let id): "/admin/accounts/\(id.uuidString.lowercased())"
        case .accountRoles(let id): "/admin/accounts/\(id.uuidString.lowercased())/roles"
        case .deactivateAccount(let id): "/admin/accounts/\(id.uuidString.lowercased())/deactivate"
        case .reactivateAccount(let id): "/admin/accounts/\(id.uuidString.lowercased())/reactivate"
        case .newInvite: "/admin/invites/new"
        case .invites: "/admin/invites"
        case .withdrawInvite(let id): "/admin/invites/\(id.uuidString.lowercased())/withdraw"
        case .acceptInvite(let token): "/invite/\(token)"
        case .auditTrail(let page): page.map { "/admin/audit?page=\($0)" } ?? "/admin/audit"
        case .caseload(let stage, let sort): "/caseload" + Self.query(["stage": stage, "sort": sort])
        case .serviceRelationships(let stage, let sort, let page):
            "/relationships" + Self.query(["stage": stage, "sort": sort, "page": page.map(String.init)])
        case .newPeer: "/peers/new"
        case .peers: "/peers"
        case .relationship(let id): "/relationships/\(id.uuidString.lowercased())"
        case .relationshipStage(let id): "/relationships/\(id.uuidString.lowercased())/stage"
        case .relationshipHandover(let id): "/relationships/\(id.uuidString.lowercased())/handover"
        case .newConversation(let id): "/relationships/\(id.uuidString.lowercased())/conversations/new"
        case .conversations(let id): "/relationships/\(id.uuidString.lowercased())/conversations"
        case .conversation(let id): "/conversations/\(id.uuidString.lowercased())"
        case .editConversation(let id): "/conversations/\(id.uuidString.lowercased())/edit"
        case .conversationHistory(let id): "/conversations/\(id.uuidString.lowercased())/history"
        case .answerResponse(let conversation, let response):
            "/conversations/\(conversation.uuidString.lowercased())/responses/\(response.uuidString.lowercased())/answer"
        case .peerPortalInvite(let id): "/relationships/\(id.uuidString.lowercased())/portal-invite"
        case .portal: "/my"
        case .headspace(let id): "/relationships/\(id.uuidString.lowercased())/headspace"
        case .bulkHandover(let id): "/workers/\(id.uuidString.lowercased())/handover"
        case .startAgain(let id): "/relationships/\(id.uuidString.lowercased())/again"
        case .billing(let id): "/conversations/\(id.uuidString.lowercased())/billing"
        case .billingSignOff(let id): "/supervision/billing/\(id.uuidString.lowercased())"
        case .serviceSettings: "/admin/settings"
        case .calendarSettings: "/account/calendar"
        case .calendarRevoke: "/account/calendar/revoke"
        case .calendarFeed(let token): "/calendar/\(token).ics"
        case .plans(let id): "/relationships/\(id.uuidString.lowercased())/plans"
        case .cancelPlan(let id): "/plans/\(id.uuidString.lowercased())/cancel"
        case .supervision: "/supervision"
        case .supervisionReflection(let id): "/supervision/notes/\(id.uuidString.lowercased())"
        case .supervisionLinks: "/supervision/links"
        case .endSupervisionLink(let id): "/supervision/links/\(id.uuidString.lowercased())/end"
        case .portalNote(let id): "/my/notes/\(id.uuidString.lowercased())"
        case .portalComments(let id): "/my/notes/\(id.uuidString.lowercased())/comments"
        case .portalCorrections(let id): "/my/notes/\(id.uuidString.lowercased())/corrections"
        case .stylesheet: "/assets/site.css"
        case .icon: "/assets/icon.svg"
        case .healthz: "/healthz"
        case .readyz: "/readyz"
        }
    }

    /// `?a=1&b=2` from the values that are set, in a stable order; values are our own identifiers.
    private static func query(_ items: KeyValuePairs<String, String?>) -> String {
        let set = items.compactMap { key, value in value.map { "\(key)=\($0)" } }
        return set.isEmpty ? "" : "?" + set.joined(separator: "&")
    }

    /// Only same-site paths are followed after sign-in, never another host.
    static func isSafeLocalPath(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.contains("\\") && !path.contains("://")
            && path.count <= 512 && !path.contains(where: { $0.isNewline })
    }
}

extension CharacterSet {
    static let urlQueryValueAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+?#")
        return set
    }()
}

extension Request {
    /// An address to give someone outside this page: an invite, a calendar feed.
    /// `ALONGSIDE_PUBLIC_URL` wins; otherwise the address the person is using now.
    func absoluteURL(_ url: AppURL) -> String {
        let base =
            application.settings.server.publicURL
            ?? "\(application.settings.sessions.secureCookies ? "https" : "http")://\(headers.first(name: .host) ?? "localhost")"
        return base.trimmingSuffix("/") + url.path
    }
}
