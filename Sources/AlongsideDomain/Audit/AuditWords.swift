/// What each action in the audit trail is called in plain words, as a person would say what
/// someone did: "read a relationship", not `viewRelationship`.
public enum AuditWords {
    public static func describe(_ action: String) -> String {
        if let action = Action(rawValue: action) { return words(for: action) }
        return other[action] ?? spaced(action)
    }

    public static func words(for action: Action) -> String {
        switch action {
        case .enterSite: "arrived at the front door"
        case .checkHealth: "checked the server's health"
        case .readAsset: "loaded a stylesheet or script"
        case .viewSignIn: "opened the sign-in page"
        case .signIn: "signed in"
        case .runFirstSetup: "set up the service"
        case .acceptInvite: "accepted an invite"
        case .readCalendarFeed: "a calendar app read a feed"
        case .resetPassword: "asked for or used a password-reset link"
        case .readAPIDescription: "read the API's description"
        case .readMetrics: "a monitoring system read the metrics"
        case .manageAccessTokens: "made or revoked an API token"
        case .listRelationships: "listed relationships through the API"
        case .viewConsents: "read a peer's consents"
        case .viewHome: "opened their home page"
        case .signOut: "signed out"
        case .changeOwnPassword: "changed their own password"
        case .resumeForm: "got back a form sent after their session ended"
        case .changeOwnPreferences: "changed their preferences"
        case .chooseLanding: "chose which work to land on"
        case .searchPeers: "searched for a peer"
        case .viewCaseload: "opened their caseload"
        case .viewServiceRelationships: "opened every relationship in the service"
        case .createPeer: "added a peer"
        case .viewRelationship: "read a relationship"
        case .moveStage: "moved a relationship to another stage"
        case .recordHeadspace: "recorded the moment a peer let them into their headspace"
        case .handOver: "handed a relationship over"
        case .handOverAll: "handed over all of a worker's relationships"
        case .startAgain: "started a relationship again"
        case .recordConversation: "wrote a conversation note"
        case .viewConversation: "read a conversation note"
        case .editConversation: "changed a conversation note"
        case .answerCorrection: "answered a peer's request for a change"
        case .invitePeer: "made a link for a peer to read their record"
        case .releasePeerLogin: "released a login from a peer's record"
        case .planConversation: "planned or cancelled a conversation"
        case .documentBilling: "completed a billing record"
        case .manageCalendarFeed: "made or withdrew a calendar feed"
        case .readWorkersOwnWords: "read a worker's own reflection"
        case .viewTowardsPlan: "read a moving-towards plan"
        case .changeTowardsPlan: "changed a moving-towards plan"
        case .viewSafetyPlan: "read a safety plan"
        case .changeSafetyPlan: "changed a safety plan"
        case .agreeSafetyPlan: "marked a safety plan as the peer's own"
        case .checkIn: "recorded a mutuality check-in"
        case .recordConcern: "recorded or closed a concern conversation"
        case .viewConcern: "read a concern conversation"
        case .escalateConcern: "escalated a concern, or followed one up"
        case .useInbox: "used their inbox"
        case .viewSupervision: "opened supervision"
        case .readForSupervision: "read a reflection brought to supervision"
        case .manageSupervision: "linked or unlinked a supervisor"
        case .signOffBilling: "signed off a billing record"
        case .viewOwnRecord: "read their own record"
        case .commentOnNote: "commented on a note"
        case .requestCorrection: "asked for a change to a note"
        case .listAccounts: "listed the accounts"
        case .viewAccount: "opened an account"
        case .inviteAccount: "invited someone"
        case .withdrawInvite: "withdrew an invite"
        case .changeRoles: "changed someone's roles"
        case .deactivateAccount: "deactivated an account"
        case .reactivateAccount: "reactivated an account"
        case .viewAuditTrail: "read the audit trail"
        case .viewMailQueue: "opened the email queue"
        case .manageOwnConsents: "read or changed who they share their record with"
        case .viewWhoLooked: "read who has looked at their record"
        case .exportOwnRecord: "downloaded everything held about them"
        case .changeOwnProfile: "corrected their own profile"
        case .manageSecondFactor: "turned their second factor on or off"
        case .manageOwnDisclosure: "chose what of their story shows, and to whom"
        case .breakGlass: "opened a peer's record in an emergency"
        case .reviewBreakGlass: "reviewed an emergency opening of a record"
        case .processErasure: "erased a peer's record at their request"
        case .recordConsent: "wrote down a consent a peer gave"
        case .viewSharedWithMe: "opened the peers who share with them"
        case .readUnderConsent: "read a peer's record under their consent"
        case .sendReferral: "sent a referral"
        case .answerReferrals: "opened or answered referrals"
        case .viewRecordReads: "opened who read which record"
        case .changeServiceSettings: "changed the service's settings"
        }
    }

    static let other: [String: String] = [
        "seedDemo": "set up the demo",
        "rotateDataKeys": "sealed every free-text value again under a new data key",
        "startRelationship": "started a relationship",
        "viewConversationHistory": "read a note's earlier versions",
    ]

    /// Any other name, as words: `someNewThing` reads "some new thing".
    static func spaced(_ name: String) -> String {
        var words = ""
        for character in name {
            if character.isUppercase, !words.isEmpty { words += " " }
            words += character.lowercased()
        }
        return words
    }
}
