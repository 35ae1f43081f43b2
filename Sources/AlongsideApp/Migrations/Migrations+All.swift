import Fluent

/// Every migration, in the order they run. Never edit one that has shipped: add a new one.
enum AppMigrations {
    static let all: [any Migration] = [
        CreateOrganisations(),
        CreateAccounts(),
        CreateAccountRoles(),
        CreateSessions(),
        CreateInvites(),
        CreateLoginAttempts(),
        CreateAuditTrail(),
        CreatePeers(),
        CreateRelationships(),
        CreateConversations(),
        CreateEndings(),
        CreateHandovers(),
        AddPeerPortal(),
        AddConversationVersions(),
        CreateSupervisionLinks(),
        CreatePlanning(),
        AddServiceSettings(),
        AddGroupConversations(),
        CreateHeadspacePermissions(),
        AddLookupIndexes(),
        CreatePeerPlans(),
        AddPeerLinkCode(),
        AddAuditChainKey(),
        CreateLoginThrottle(),
        AddOneLaterRelationship(),
        CreateHeldForms(),
        AddLocalTimeAndLanding(),
        AddPeerSearchKey(),
        CreateMailAndResets(),
        AddBillingReturn(),
        AddCommentDismissal(),
        CreateConsents(),
    ]
}
