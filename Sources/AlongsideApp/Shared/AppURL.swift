import AlongsideDomain
import Foundation
import Vapor

/// Every address in Alongside, declared once: routes are registered from these and every link
/// and redirect is built from them, so views hold no URL strings.
enum AppURL {
    case frontDoor
    case home
    case signIn(next: String?)
    case resume
    case draftsScript
    case zoneScript
    case menuScript
    case copyScript
    case dismissResponse(conversation: UUID, response: UUID)
    case preferences
    case landingRole
    case search(query: String?)
    case forgotPassword
    case resetPassword(token: String)
    case mailQueue
    case billingSendBack(UUID)
    case signOut
    case setup
    case changePassword
    case accounts
    case peerPortalRelease(UUID)
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
    case accessTokens
    case revokeAccessToken(UUID)
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
    case towardsPlan(UUID)
    case towardsVision(UUID)
    case towardsSteps(UUID)
    case towardsStep(UUID)
    case towardsLearnings(UUID)
    case towardsReviews(UUID)
    case safetyPlan(UUID)
    case agreeSafetyPlan(UUID)
    case safetyPlanHistory(UUID)
    case safetyPlanCard(UUID)
    case safetyPlanText(UUID)
    case checkIn(UUID)
    case newConcern(UUID)
    case concerns(UUID)
    case concern(UUID)
    case escalateConcern(UUID)
    case followUpConcern(UUID)
    case closeConcern(UUID)
    case sharing
    case revokeConsent(UUID)
    case readAlerts
    case whoLooked
    case signInCode
    case ownProfile
    case erasure(UUID)
    case disclosure
    case secondFactor
    case secondFactorStart
    case secondFactorConfirm
    case secondFactorOff
    case breakGlass
    case breakGlassReviews
    case reviewBreakGlass(UUID)
    case exportRecord
    case relationshipConsents(UUID)
    case sharedWithMe
    case sharedRecord(UUID)
    case newReferral
    case referrals
    case acceptReferral(UUID)
    case declineReferral(UUID)
    case recordReads
    case inbox
    case readNotification(UUID)
    case readAllNotifications
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
        case .peerPortalRelease(let id): "/relationships/\(id.uuidString.lowercased())/portal-release"
        case .portal: "/my"
        case .sharing: "/my/sharing"
        case .revokeConsent(let id): "/my/sharing/\(id.uuidString.lowercased())/revoke"
        case .readAlerts: "/my/sharing/alerts"
        case .whoLooked: "/my/looked"
        case .signInCode: "/login/code"
        case .ownProfile: "/my/profile"
        case .erasure(let id): "/peers/\(id.uuidString.lowercased())/erasure"
        case .disclosure: "/account/story"
        case .secondFactor: "/account/second-factor"
        case .secondFactorStart: "/account/second-factor/start"
        case .secondFactorConfirm: "/account/second-factor/confirm"
        case .secondFactorOff: "/account/second-factor/off"
        case .breakGlass: "/break-glass"
        case .breakGlassReviews: "/break-glass/reviews"
        case .reviewBreakGlass(let id): "/break-glass/\(id.uuidString.lowercased())/review"
        case .exportRecord: "/my/export"
        case .relationshipConsents(let id): "/relationships/\(id.uuidString.lowercased())/consents"
        case .sharedWithMe: "/shared"
        case .sharedRecord(let id): "/shared/\(id.uuidString.lowercased())"
        case .newReferral: "/referrals/new"
        case .referrals: "/referrals"
        case .acceptReferral(let id): "/referrals/\(id.uuidString.lowercased())/accept"
        case .declineReferral(let id): "/referrals/\(id.uuidString.lowercased())/decline"
        case .recordReads: "/reads"
        case .headspace(let id): "/relationships/\(id.uuidString.lowercased())/headspace"
        case .bulkHandover(let id): "/workers/\(id.uuidString.lowercased())/handover"
        case .startAgain(let id): "/relationships/\(id.uuidString.lowercased())/again"
        case .billing(let id): "/conversations/\(id.uuidString.lowercased())/billing"
        case .billingSignOff(let id): "/supervision/billing/\(id.uuidString.lowercased())"
        case .serviceSettings: "/admin/settings"
        case .calendarSettings: "/account/calendar"
        case .calendarRevoke: "/account/calendar/revoke"
        case .accessTokens: "/account/tokens"
        case .revokeAccessToken(let id): "/account/tokens/\(id.uuidString.lowercased())/revoke"
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
        case .towardsPlan(let id): "/relationships/\(id.uuidString.lowercased())/towards"
        case .towardsVision(let id): "/relationships/\(id.uuidString.lowercased())/towards/vision"
        case .towardsSteps(let id): "/relationships/\(id.uuidString.lowercased())/towards/steps"
        case .towardsStep(let id): "/towards/steps/\(id.uuidString.lowercased())"
        case .towardsLearnings(let id): "/relationships/\(id.uuidString.lowercased())/towards/learnings"
        case .towardsReviews(let id): "/relationships/\(id.uuidString.lowercased())/towards/reviews"
        case .safetyPlan(let id): "/relationships/\(id.uuidString.lowercased())/safety-plan"
        case .agreeSafetyPlan(let id): "/relationships/\(id.uuidString.lowercased())/safety-plan/agree"
        case .safetyPlanHistory(let id): "/relationships/\(id.uuidString.lowercased())/safety-plan/history"
        case .safetyPlanCard(let id): "/relationships/\(id.uuidString.lowercased())/safety-plan/card"
        case .safetyPlanText(let id): "/relationships/\(id.uuidString.lowercased())/safety-plan/text"
        case .checkIn(let id): "/conversations/\(id.uuidString.lowercased())/check-in"
        case .newConcern(let id): "/relationships/\(id.uuidString.lowercased())/concerns/new"
        case .concerns(let id): "/relationships/\(id.uuidString.lowercased())/concerns"
        case .concern(let id): "/concerns/\(id.uuidString.lowercased())"
        case .escalateConcern(let id): "/concerns/\(id.uuidString.lowercased())/escalate"
        case .followUpConcern(let id): "/concerns/\(id.uuidString.lowercased())/follow-up"
        case .closeConcern(let id): "/concerns/\(id.uuidString.lowercased())/close"
        case .inbox: "/inbox"
        case .readNotification(let id): "/inbox/\(id.uuidString.lowercased())/read"
        case .readAllNotifications: "/inbox/read-all"
        case .stylesheet: "/assets/site.css"
        case .icon: "/assets/icon.svg"
        case .draftsScript: "/assets/drafts.js"
        case .zoneScript: "/assets/zone.js"
        case .menuScript: "/assets/menu.js"
        case .copyScript: "/assets/copy.js"
        case .dismissResponse(let conversation, let response):
            "/conversations/\(conversation.uuidString.lowercased())/responses/\(response.uuidString.lowercased())/dismiss"
        case .preferences: "/account/preferences"
        case .landingRole: "/home/role"
        case .forgotPassword: "/password/forgot"
        case .resetPassword(let token): "/password/reset/\(token)"
        case .mailQueue: "/admin/mail"
        case .billingSendBack(let id): "/supervision/billing/\(id.uuidString.lowercased())/return"
        case .search(let query):
            "/search" + (query.map { "?q=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? "")
        case .resume: "/resume"
        case .healthz: "/healthz"
        case .readyz: "/readyz"
        }
    }

    /// `?a=1&b=2` from the values that are set, in a stable order; values are our own identifiers.
    private static func query(_ items: KeyValuePairs<String, String?>) -> String {
        let set = items.compactMap { key, value in value.map { "\(key)=\($0)" } }
        return set.isEmpty ? "" : "?" + set.joined(separator: "&")
    }

    /// Only same-site paths are followed after sign-in, never another host: the domain's one check.
    static func isSafeLocalPath(_ path: String) -> Bool {
        LocalPath.isSafe(path)
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
    /// `ALONGSIDE_PUBLIC_URL`, or on loopback the address the server listens on: never `Host`.
    func absoluteURL(_ url: AppURL) -> String {
        application.settings.server.linkBase.trimmingSuffix("/") + url.path
    }
}
