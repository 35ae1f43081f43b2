import AlongsideDomain
import Vapor

/// The table of contents: every route, the action it performs, and its handler.
/// A route registered without an action is refused at request time and fails the route-by-role test.
func routes(_ app: Application) throws {
    do {  // probes and assets
        app.get("healthz", performing: .checkHealth, use: HealthController.healthz)
        app.get("readyz", performing: .checkHealth, use: HealthController.readyz)
        app.get("metrics", performing: .readMetrics, use: AppMetrics.scrape)
        app.get("assets", "site.css", performing: .readAsset, use: AssetsController.stylesheet)
        app.get("assets", "icon.svg", performing: .readAsset, use: AssetsController.icon)
        app.get("assets", "drafts.js", performing: .readAsset, use: AssetsController.drafts)
        app.get("assets", "zone.js", performing: .readAsset, use: AssetsController.zone)
        app.get("assets", "menu.js", performing: .readAsset, use: AssetsController.menu)
        app.get("assets", "copy.js", performing: .readAsset, use: AssetsController.copy)
    }
    do {  // arriving, first run, signing in and out
        app.get(performing: .enterSite, use: HomeController.frontDoor)
        app.get("setup", performing: .runFirstSetup, use: SetupController.show)
        app.post("setup", performing: .runFirstSetup, use: SetupController.submit)
        app.get("login", performing: .viewSignIn, use: SignInController.show)
        app.post("login", performing: .signIn, use: SignInController.submit)
        app.get("login", "code", performing: .signIn, use: SecondFactorController.askForCode)
        app.post("login", "code", performing: .signIn, use: SecondFactorController.checkCode)
        app.post("logout", performing: .signOut, use: SignInController.signOut)
        app.get("calendar", ":feed", performing: .readCalendarFeed, use: CalendarFeedController.feed)
        app.get("invite", ":token", performing: .acceptInvite, use: AcceptInviteController.show)
        app.post("invite", ":token", performing: .acceptInvite, use: AcceptInviteController.submit)
        app.get("password", "forgot", performing: .resetPassword, use: PasswordResetController.ask)
        app.post("password", "forgot", performing: .resetPassword, use: PasswordResetController.send)
        app.get("password", "reset", ":token", performing: .resetPassword, use: PasswordResetController.show)
        app.post("password", "reset", ":token", performing: .resetPassword, use: PasswordResetController.reset)
    }
    do {  // a person's own space
        app.get("home", performing: .viewHome, use: HomeController.show)
        app.post("home", "role", performing: .chooseLanding, use: HomeController.chooseRole)
        app.get("resume", performing: .resumeForm, use: ResumeController.show)
        app.get("account", "preferences", performing: .changeOwnPreferences, use: PreferencesController.show)
        app.post("account", "preferences", performing: .changeOwnPreferences, use: PreferencesController.save)
        app.get("account", "password", performing: .changeOwnPassword, use: PasswordController.show)
        app.get("account", "story", performing: .manageOwnDisclosure, use: DisclosureController.show)
        app.post("account", "story", performing: .manageOwnDisclosure, use: DisclosureController.save)
        app.get("account", "second-factor", performing: .manageSecondFactor, use: SecondFactorController.show)
        app.post("account", "second-factor", "start", performing: .manageSecondFactor, use: SecondFactorController.start)
        app.post("account", "second-factor", "confirm", performing: .manageSecondFactor, use: SecondFactorController.confirm)
        app.post("account", "second-factor", "off", performing: .manageSecondFactor, use: SecondFactorController.turnOff)
        app.post("account", "password", performing: .changeOwnPassword, use: PasswordController.submit)
        app.get("account", "calendar", performing: .manageCalendarFeed, use: CalendarFeedController.settings)
        app.post("account", "calendar", performing: .manageCalendarFeed, use: CalendarFeedController.create)
        app.post("account", "calendar", "revoke", performing: .manageCalendarFeed, use: CalendarFeedController.revoke)
        app.get("account", "tokens", performing: .manageAccessTokens, use: AccessTokensController.show)
        app.post("account", "tokens", performing: .manageAccessTokens, use: AccessTokensController.create)
        app.post("account", "tokens", ":tokenID", "revoke", performing: .manageAccessTokens, use: AccessTokensController.revoke)
        app.get("inbox", performing: .useInbox, use: InboxController.show)
        app.post("inbox", "read-all", performing: .useInbox, use: InboxController.readAll)
        app.post("inbox", ":notificationID", "read", performing: .useInbox, use: InboxController.read)
    }
    do {  // peers and their relationships
        app.get("caseload", performing: .viewCaseload, use: CaseloadController.show)
        app.get("search", performing: .searchPeers, use: SearchController.show)
        app.get("relationships", performing: .viewServiceRelationships, use: CaseloadController.service)
        app.get("workers", ":accountID", "handover", performing: .handOverAll, use: BulkHandoverController.show)
        app.post("workers", ":accountID", "handover", performing: .handOverAll, use: BulkHandoverController.submit)
        app.get("peers", "new", performing: .createPeer, use: PeersController.new)
        app.post("peers", performing: .createPeer, use: PeersController.create)
        app.get("relationships", ":relationshipID", performing: .viewRelationship, use: RelationshipController.show)
        app.post("relationships", ":relationshipID", "stage", performing: .moveStage, use: RelationshipController.move)
        app.get("relationships", ":relationshipID", "handover", performing: .handOver, use: RelationshipController.handoverForm)
        app.post("relationships", ":relationshipID", "handover", performing: .handOver, use: RelationshipController.handOver)
        app.post("relationships", ":relationshipID", "headspace", performing: .recordHeadspace, use: HeadspaceController.record)
        app.post("relationships", ":relationshipID", "again", performing: .startAgain, use: StartAgainController.start)
        app.get(
            "relationships", ":relationshipID", "conversations", "new", performing: .recordConversation, use: ConversationsController.new)
        app.post("relationships", ":relationshipID", "conversations", performing: .recordConversation, use: ConversationsController.create)
        app.get("conversations", ":conversationID", performing: .viewConversation, use: ConversationsController.show)
        app.get("conversations", ":conversationID", "edit", performing: .editConversation, use: ConversationEditController.edit)
        app.post("conversations", ":conversationID", performing: .editConversation, use: ConversationEditController.update)
        app.get("conversations", ":conversationID", "history", performing: .viewConversation, use: ConversationEditController.history)
        app.post(
            "conversations", ":conversationID", "responses", ":responseID", "answer", performing: .answerCorrection,
            use: ConversationEditController.answer)
        app.post(
            "conversations", ":conversationID", "responses", ":responseID", "dismiss", performing: .answerCorrection,
            use: ConversationEditController.dismiss)
        app.post("relationships", ":relationshipID", "plans", performing: .planConversation, use: PlanningController.plan)
        app.get("conversations", ":conversationID", "billing", performing: .documentBilling, use: BillingController.form)
        app.post("conversations", ":conversationID", "billing", performing: .documentBilling, use: BillingController.save)
        app.post("plans", ":planID", "cancel", performing: .planConversation, use: PlanningController.cancel)
        app.post("relationships", ":relationshipID", "portal-invite", performing: .invitePeer, use: PeerInviteController.create)
        app.post(
            "relationships", ":relationshipID", "portal-release", performing: .releasePeerLogin, use: PeerInviteController.release)
    }
    do {  // plans the peer owns, check-ins and concern conversations: the peer and their worker
        app.get("relationships", ":relationshipID", "towards", performing: .viewTowardsPlan, use: TowardsPlanController.show)
        app.post(
            "relationships", ":relationshipID", "towards", "vision", performing: .changeTowardsPlan, use: TowardsPlanController.saveVision)
        app.post("relationships", ":relationshipID", "towards", "steps", performing: .changeTowardsPlan, use: TowardsPlanController.addStep)
        app.post("towards", "steps", ":stepID", performing: .changeTowardsPlan, use: TowardsPlanController.updateStep)
        app.post(
            "relationships", ":relationshipID", "towards", "learnings", performing: .changeTowardsPlan,
            use: TowardsPlanController.addLearning)
        app.post(
            "relationships", ":relationshipID", "towards", "reviews", performing: .changeTowardsPlan, use: TowardsPlanController.addReview)
        app.get("relationships", ":relationshipID", "safety-plan", performing: .viewSafetyPlan, use: SafetyPlanController.show)
        app.post("relationships", ":relationshipID", "safety-plan", performing: .changeSafetyPlan, use: SafetyPlanController.save)
        app.post("relationships", ":relationshipID", "safety-plan", "agree", performing: .agreeSafetyPlan, use: SafetyPlanController.agree)
        app.get(
            "relationships", ":relationshipID", "safety-plan", "history", performing: .viewSafetyPlan, use: SafetyPlanController.history)
        app.get("relationships", ":relationshipID", "safety-plan", "card", performing: .viewSafetyPlan, use: SafetyPlanController.card)
        app.get("relationships", ":relationshipID", "safety-plan", "text", performing: .viewSafetyPlan, use: SafetyPlanController.text)
        app.get("conversations", ":conversationID", "check-in", performing: .checkIn, use: CheckInController.show)
        app.post("conversations", ":conversationID", "check-in", performing: .checkIn, use: CheckInController.save)
        app.get("relationships", ":relationshipID", "concerns", "new", performing: .recordConcern, use: ConcernController.new)
        app.post("relationships", ":relationshipID", "concerns", performing: .recordConcern, use: ConcernController.create)
        app.get("concerns", ":concernID", performing: .viewConcern, use: ConcernController.show)
        app.post("concerns", ":concernID", "escalate", performing: .escalateConcern, use: ConcernController.escalate)
        app.post("concerns", ":concernID", "follow-up", performing: .escalateConcern, use: ConcernController.followUp)
        app.post("concerns", ":concernID", "close", performing: .recordConcern, use: ConcernController.close)
    }
    do {  // supervision
        app.get("supervision", performing: .viewSupervision, use: SupervisionController.show)
        app.get("supervision", "notes", ":conversationID", performing: .readForSupervision, use: SupervisionController.reflection)
        app.get("supervision", "billing", ":conversationID", performing: .signOffBilling, use: BillingController.review)
        app.post("supervision", "billing", ":conversationID", performing: .signOffBilling, use: BillingController.signOff)
        app.post("supervision", "billing", ":conversationID", "return", performing: .signOffBilling, use: BillingController.sendBack)
        app.get("supervision", "links", performing: .manageSupervision, use: SupervisionLinksController.list)
        app.post("supervision", "links", performing: .manageSupervision, use: SupervisionLinksController.create)
        app.post("supervision", "links", ":linkID", "end", performing: .manageSupervision, use: SupervisionLinksController.end)
    }
    do {  // the peer portal: a peer's own record
        app.get("my", performing: .viewOwnRecord, use: PortalController.home)
        app.get("my", "notes", ":conversationID", performing: .viewOwnRecord, use: PortalController.note)
        app.post("my", "notes", ":conversationID", "comments", performing: .commentOnNote, use: PortalController.comment)
        app.post("my", "notes", ":conversationID", "corrections", performing: .requestCorrection, use: PortalController.requestCorrection)
        app.get("my", "sharing", performing: .manageOwnConsents, use: SharingController.show)
        app.post("my", "sharing", performing: .manageOwnConsents, use: SharingController.give)
        app.post("my", "sharing", ":consentID", "revoke", performing: .manageOwnConsents, use: SharingController.revoke)
        app.post("my", "sharing", "alerts", performing: .viewWhoLooked, use: SharingController.alerts)
        app.get("my", "looked", performing: .viewWhoLooked, use: WhoLookedController.mine)
        app.get("my", "profile", performing: .changeOwnProfile, use: OwnProfileController.show)
        app.post("my", "profile", performing: .changeOwnProfile, use: OwnProfileController.save)
        app.get("my", "export", performing: .exportOwnRecord, use: ExportController.download)
    }
    do {  // consent from the other side: workers writing it down, partner clinicians, referrals, the read trail
        app.get("relationships", ":relationshipID", "consents", performing: .recordConsent, use: SharingController.recordForm)
        app.post("relationships", ":relationshipID", "consents", performing: .recordConsent, use: SharingController.record)
        app.get("shared", performing: .viewSharedWithMe, use: SharedRecordController.list)
        app.get("shared", ":peerID", performing: .readUnderConsent, use: SharedRecordController.show)
        app.get("referrals", "new", performing: .sendReferral, use: ReferralsController.new)
        app.post("referrals", performing: .sendReferral, use: ReferralsController.send)
        app.get("referrals", performing: .answerReferrals, use: ReferralsController.inbox)
        app.post("referrals", ":referralID", "accept", performing: .answerReferrals, use: ReferralsController.accept)
        app.post("referrals", ":referralID", "decline", performing: .answerReferrals, use: ReferralsController.decline)
        app.get("reads", performing: .viewRecordReads, use: WhoLookedController.service)
        app.get("peers", ":peerID", "erasure", performing: .processErasure, use: ErasureController.show)
        app.post("peers", ":peerID", "erasure", performing: .processErasure, use: ErasureController.erase)
        app.get("break-glass", performing: .breakGlass, use: BreakGlassController.show)
        app.post("break-glass", performing: .breakGlass, use: BreakGlassController.open)
        app.get("break-glass", "reviews", performing: .reviewBreakGlass, use: BreakGlassController.reviews)
        app.post("break-glass", ":breakGlassID", "review", performing: .reviewBreakGlass, use: BreakGlassController.review)
    }
    do {  // administration
        app.get("admin", "accounts", performing: .listAccounts, use: AccountsController.list)
        app.get("admin", "accounts", ":accountID", performing: .viewAccount, use: AccountsController.show)
        app.post("admin", "accounts", ":accountID", "roles", performing: .changeRoles, use: AccountsController.changeRoles)
        app.post("admin", "accounts", ":accountID", "deactivate", performing: .deactivateAccount, use: AccountsController.deactivate)
        app.post("admin", "accounts", ":accountID", "reactivate", performing: .reactivateAccount, use: AccountsController.reactivate)
        app.get("admin", "invites", "new", performing: .inviteAccount, use: InvitesController.new)
        app.post("admin", "invites", performing: .inviteAccount, use: InvitesController.create)
        app.post("admin", "invites", ":inviteID", "withdraw", performing: .withdrawInvite, use: InvitesController.withdraw)
        app.get("admin", "audit", performing: .viewAuditTrail, use: AuditTrailController.show)
        app.get("admin", "mail", performing: .viewMailQueue, use: MailQueueController.show)
        app.get("admin", "settings", performing: .changeServiceSettings, use: ServiceSettingsController.show)
        app.post("admin", "settings", performing: .changeServiceSettings, use: ServiceSettingsController.save)
    }
    do {  // the JSON API: its operations are in api/openapi.json, their actions in APIRoutes
        app.get("api", "v1", "openapi.json", performing: .readAPIDescription, use: APIRoutes.description)
        try APIRoutes.register(on: app)
    }
}
