/// Everything a route can do. Each route declares exactly one; the policy decides it.
public enum Action: String, CaseIterable, Sendable {
    // Open to everyone
    case enterSite
    case checkHealth
    case readAsset
    case viewSignIn
    case signIn
    case runFirstSetup
    case acceptInvite
    /// A calendar app fetching a worker's feed: the secret in the address is the permission.
    case readCalendarFeed
    /// Asking for a password-reset link by email, and using one: the secret in the link is the permission.
    case resetPassword
    /// Reading the JSON API's own description: it holds no one's data.
    case readAPIDescription
    /// A Prometheus scraper reading `/metrics`: the token in its header is the permission.
    case readMetrics

    // Any signed-in person, about themselves
    case viewHome
    case signOut
    case changeOwnPassword
    /// Seeing again a form one sent after one's session ended, to save it.
    case resumeForm
    /// One's own preferences: a time zone of one's own.
    case changeOwnPreferences
    /// Choosing which of one's roles to land on after signing in.
    case chooseLanding
    /// Finding a peer by name: in one's own caseload, or across the service for coordinators.
    case searchPeers
    /// Turning one's own TOTP second factor on or off.
    case manageSecondFactor
    /// A peer worker choosing what of their own story, and their peer status, shows and to whom.
    case manageOwnDisclosure
    /// Making, naming, scoping and revoking one's own personal access tokens for the JSON API.
    case manageAccessTokens

    // Peer relationships
    case viewCaseload
    case viewServiceRelationships
    /// Listing relationships through the API: one's own as a peer worker, the service's as a coordinator.
    case listRelationships
    case createPeer
    case viewRelationship
    case moveStage
    case recordHeadspace
    case handOver
    case handOverAll
    case startAgain
    case recordConversation
    case viewConversation
    case editConversation
    case answerCorrection
    case invitePeer
    /// A coordinator releasing a peer's record from the login it is linked to, so that the peer
    /// can be invited again (their old login's owner is told).
    case releasePeerLogin
    case planConversation
    case documentBilling
    case manageCalendarFeed
    /// Reading a note's reflections, lived-experience lines and private reflection: never a
    /// route of its own, asked by every screen that shows a note.
    case readWorkersOwnWords

    // Plans the peer owns, check-ins and concern conversations
    case viewTowardsPlan
    case changeTowardsPlan
    case viewSafetyPlan
    case changeSafetyPlan
    /// The peer marking the safety plan as theirs: only then is it shown as agreed.
    case agreeSafetyPlan
    case checkIn
    case recordConcern
    case viewConcern
    case escalateConcern

    // Every signed-in person's own notifications
    case useInbox

    // Supervision
    case viewSupervision
    case readForSupervision
    case manageSupervision
    case signOffBilling

    // A peer's own record, in the portal
    case viewOwnRecord
    case commentOnNote
    case requestCorrection
    /// A peer's own consents: reading them, giving one, revoking one.
    case manageOwnConsents
    /// A peer reading who has looked at their record, and choosing which reads tell them.
    case viewWhoLooked
    /// A peer downloading everything held about them, at once.
    case exportOwnRecord
    /// A peer correcting their own profile (each earlier wording is kept).
    case changeOwnProfile

    // Consent from the other side
    /// A peer worker writing down a consent the peer gave in person or by phone.
    case recordConsent
    /// Reading the consents a peer gave, as the worker who writes them down.
    case viewConsents
    /// The peers who share something with this person: a partner clinician's list.
    case viewSharedWithMe
    /// Reading a part of a peer's record that the peer consented to share with the reader.
    case readUnderConsent
    /// A partner clinician referring someone to the peer service.
    case sendReferral
    /// The referrals inbox: coordinators accept (and assign a peer worker) or decline with a reason.
    case answerReferrals
    /// The service-wide trail of who read which peer's record, for coordinators.
    case viewRecordReads
    /// Opening a peer's record beyond consent in an emergency: a reason and the second factor again.
    case breakGlass
    /// A coordinator confirming an emergency opening was justified, or raising it.
    case reviewBreakGlass
    /// A coordinator erasing (or, within the retention period, anonymising) a peer's record at their request.
    case processErasure

    // Organisation administration
    case listAccounts
    case viewAccount
    case inviteAccount
    case withdrawInvite
    case changeRoles
    case deactivateAccount
    case reactivateAccount
    case viewAuditTrail
    /// The email queue: what is waiting, sent or given up, to whom, never more than the subject.
    case viewMailQueue
    case changeServiceSettings
}
