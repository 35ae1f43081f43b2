/// The one place that decides whether a principal may perform an action on a resource.
/// Anything not explicitly allowed here is denied.
public enum AccessPolicy {
    public static func decide(_ principal: Principal, _ action: Action, _ resource: Resource = .site) -> Decision {
        if openActions.contains(action) {
            return .allow(reason: "Open to everyone.")
        }
        guard let actor = principal.actor else {
            return .deny(reason: "Sign in first.")
        }
        if let organisation = resource.organisationID, organisation != actor.organisationID {
            return .deny(reason: "This belongs to another organisation.")
        }
        if actor.mustSetUpSecondFactor, ![.manageSecondFactor, .signOut].contains(action) {
            return .deny(reason: Self.setUpSecondFactorFirst)
        }
        if let scopes = actor.tokenScopes, !scopes.permits(action) {
            return .deny(reason: scopes.refusal(for: action))
        }
        switch action {
        case .manageOwnDisclosure:
            return actor.holds(.peerWorker)
                ? .allow(reason: "A peer worker decides what of their own story shows, and to whom.")
                : .deny(reason: "Only peer workers have a peer worker's story to share.")
        case .manageAccessTokens:
            return .allow(reason: "Everyone may make tokens that act for them through the API, never beyond what they may do.")
        case .manageSecondFactor:
            return .allow(reason: "Everyone may protect their own sign-in with a second factor.")
        case .breakGlass:
            return actor.holds(.peerWorker) || actor.holds(.supervisor) || actor.holds(.coordinator) || actor.holds(.clinician)
                ? .allow(
                    reason: "In an emergency, staff who read records may open one beyond consent, with a reason and their second factor.")
                : .deny(reason: "Only staff who read peers' records may open one in an emergency.")
        case .reviewBreakGlass:
            return actor.holds(.coordinator)
                ? .allow(reason: "Coordinators review every emergency opening of a record.")
                : .deny(reason: "Only coordinators review emergency openings.")
        case .viewHome, .signOut:
            return .allow(reason: "Every signed-in person has a home and may sign out.")
        case .resumeForm:
            return .allow(reason: "Everyone gets back what they typed before their session ended (only their own).")
        case .chooseLanding:
            return .allow(reason: "Every signed-in person chooses which of their roles to land on (only roles they hold).")
        case .searchPeers:
            return actor.holds(.peerWorker) || actor.holds(.coordinator)
                ? .allow(reason: "Peer workers find peers they walk alongside; coordinators find any peer in the service.")
                : .deny(reason: "Only peer workers and coordinators look peers up.")
        case .changeOwnPassword, .changeOwnPreferences:
            if let owner = resource.ownerID, owner != actor.accountID {
                return .deny(reason: "A password can only be changed by its owner.")
            }
            return .allow(reason: "People manage their own password.")
        case .viewCaseload:
            return actor.holds(.peerWorker)
                ? .allow(reason: "Peer workers see their own caseload.")
                : .deny(reason: "Only peer workers have a caseload.")
        case .viewServiceRelationships:
            return actor.holds(.coordinator)
                ? .allow(reason: "Coordinators see where relationships stand across the service, never note text.")
                : .deny(reason: "Only coordinators see every relationship in the service.")
        case .createPeer:
            return actor.holds(.peerWorker) || actor.holds(.coordinator)
                ? .allow(reason: "Peer workers and coordinators welcome new peers.")
                : .deny(reason: "Only peer workers and coordinators add peers.")
        case .viewRelationship:
            return decideRelationshipRead(actor, resource)
        case .listRelationships:
            return actor.holds(.peerWorker) || actor.holds(.coordinator)
                ? .allow(reason: "Peer workers list their own relationships; coordinators the service's, never note text.")
                : .deny(reason: "Only peer workers and coordinators list relationships.")
        case .moveStage:
            if actor.holds(.peerWorker), resource.workerID == nil || resource.workerID == actor.accountID {
                return .allow(reason: "A peer worker moves their own relationships along.")
            }
            return .deny(reason: "Only the peer worker in this relationship can change its stage.")
        case .handOverAll:
            return actor.holds(.coordinator)
                ? .allow(reason: "Coordinators hand over a leaving worker's relationships.")
                : .deny(reason: "Only coordinators hand over all of a worker's relationships.")
        case .invitePeer:
            // Linking a login to a peer's record opens everything the peer owns: only the worker
            // walking alongside them now starts it, and the peer finishes it with a code.
            if actor.holds(.peerWorker), !resource.relationshipEnded, resource.workerID == nil || resource.workerID == actor.accountID {
                return .allow(reason: "The peer's own worker invites them to their own login.")
            }
            return .deny(reason: "Only the peer worker walking alongside this peer now can invite them to their own login.")
        case .releasePeerLogin:
            return actor.holds(.coordinator)
                ? .allow(reason: "A coordinator releases a peer's record from a login, as the second person.")
                : .deny(reason: "Only a coordinator can release a peer's record from a login.")
        case .handOver, .startAgain:
            if actor.holds(.coordinator) {
                return .allow(reason: "Coordinators hand relationships between peer workers.")
            }
            if actor.holds(.peerWorker), resource.workerID == nil || resource.workerID == actor.accountID {
                return .allow(reason: "A peer worker can hand their own relationship to a colleague.")
            }
            return .deny(reason: "Only the relationship's peer worker or a coordinator can do this.")
        case .manageCalendarFeed:
            return actor.holds(.peerWorker)
                ? .allow(reason: "Peer workers can see their planned conversations in their own calendar.")
                : .deny(reason: "Only peer workers plan conversations.")
        case .recordConversation, .viewConversation, .editConversation, .answerCorrection, .planConversation, .documentBilling,
            .recordHeadspace:
            // Note text stays between the peer and their worker; coordinators see dates, not words.
            if actor.holds(.peerWorker), resource.workerID == nil || resource.workerID == actor.accountID {
                return .allow(reason: "A peer worker writes and reads the notes of their own relationships.")
            }
            return .deny(reason: "Only the peer worker in this relationship can read or write its conversation notes.")
        case .readWorkersOwnWords:
            // They belong to the worker who wrote them, not to the relationship: after a handover
            // they stay with their writer (and reach a supervisor only through `readForSupervision`).
            guard let author = resource.ownerID, author == actor.accountID, actor.holds(.peerWorker) else {
                return .deny(reason: "A worker's own reflections are theirs alone.")
            }
            return .allow(reason: "A peer worker reads what they wrote for themselves.")
        case .viewTowardsPlan, .changeTowardsPlan, .viewSafetyPlan, .changeSafetyPlan, .agreeSafetyPlan, .checkIn:
            // Plans belong to the peer and are written with their worker. Supervisors will read them
            // only once the peer consents (a later feature); coordinators see counts, never content.
            return decidePeerAndWorker(actor, resource)
                ?? .deny(reason: "Only the peer and their peer worker read and write these plans.")
        case .recordConcern, .escalateConcern:
            if actor.holds(.peerWorker), !resource.relationshipEnded, resource.workerID == nil || resource.workerID == actor.accountID {
                return .allow(reason: "A peer worker records the concern conversations of their own relationships.")
            }
            return .deny(reason: "Only the peer worker in this relationship records its concern conversations.")
        case .viewConcern:
            if let decision = decidePeerAndWorker(actor, resource) { return decision }
            return decideSupervisionRead(actor, resource, categories: [.concernRecords])
        case .useInbox:
            if let owner = resource.ownerID, owner != actor.accountID {
                return .deny(reason: "A notification is only for the person it was sent to.")
            }
            return .allow(reason: "Everyone has their own notifications.")
        case .viewSupervision:
            return actor.holds(.supervisor)
                ? .allow(reason: "Supervisors see their supervisees' caseloads and what they bring to supervision.")
                : .deny(reason: "Only supervisors have supervisees.")
        case .readForSupervision:
            return decideSupervisionRead(actor, resource, categories: [.journey, .practiceReflection])
        case .signOffBilling:
            return decideSupervisionRead(actor, resource, categories: [.billingRecord])
        case .changeServiceSettings:
            return actor.holds(.coordinator) || actor.holds(.admin)
                ? .allow(reason: "Coordinators and admins set how the service works.")
                : .deny(reason: "Only coordinators and admins change the service's settings.")
        case .manageSupervision:
            return actor.holds(.coordinator)
                ? .allow(reason: "Coordinators arrange who supervises whom.")
                : .deny(reason: "Only coordinators arrange supervision.")
        case .viewOwnRecord, .commentOnNote, .requestCorrection, .manageOwnConsents, .viewWhoLooked, .exportOwnRecord, .changeOwnProfile:
            return decideOwnRecord(actor, resource)
        case .viewConsents:
            // A peer's sharing decisions are for whoever walks alongside them now, as writing them
            // down is: an ended relationship's worker no longer learns them.
            if actor.holds(.peerWorker), !resource.relationshipEnded, resource.workerID == nil || resource.workerID == actor.accountID {
                return .allow(reason: "A peer worker reads the consents of the peers they walk alongside.")
            }
            return .deny(reason: "Only the peer worker walking alongside this peer now reads their consents here.")
        case .recordConsent:
            if actor.holds(.peerWorker), !resource.relationshipEnded, resource.workerID == nil || resource.workerID == actor.accountID {
                return .allow(reason: "A peer worker writes down a consent their peer gave them in person or by phone.")
            }
            return .deny(reason: "Only the peer worker walking alongside this peer writes down their consent.")
        case .viewSharedWithMe:
            return actor.holds(.clinician) || actor.holds(.supervisor) || actor.holds(.peerWorker)
                ? .allow(reason: "Those a peer can share with see who shares with them.")
                : .deny(reason: "Only partner clinicians, supervisors and peer workers can be shared with.")
        case .sendReferral:
            return actor.holds(.clinician)
                ? .allow(reason: "Partner clinicians see who shares with them, and refer people to the service.")
                : .deny(reason: "Only partner clinicians have peers sharing with them here.")
        case .readUnderConsent:
            return decideUnderConsent(actor, resource)
        case .answerReferrals, .viewRecordReads, .processErasure:
            return actor.holds(.coordinator)
                ? .allow(reason: "Coordinators answer referrals and look after who reads records.")
                : .deny(reason: "Only coordinators do this.")
        case .changeRoles:
            // Nobody grants themselves anything: roles open records, so another admin decides.
            if resource.ownerID == actor.accountID {
                return .deny(reason: "You can't change your own roles. Ask another admin.")
            }
            return requireAdmin(actor)
        case .listAccounts, .viewAccount, .inviteAccount, .withdrawInvite, .reactivateAccount, .viewAuditTrail, .viewMailQueue:
            return requireAdmin(actor)
        case .deactivateAccount:
            if resource.ownerID == actor.accountID {
                return .deny(reason: "You can't deactivate your own account; ask another admin.")
            }
            return requireAdmin(actor)
        case .enterSite, .checkHealth, .readAsset, .viewSignIn, .signIn, .runFirstSetup, .acceptInvite, .readCalendarFeed, .resetPassword,
            .readAPIDescription, .readMetrics:
            return .allow(reason: "Open to everyone.")
        }
    }

    public static let setUpSecondFactorFirst =
        "Your service asks everyone on its staff to sign in with a second factor. Set yours up first."

    /// Actions that need no account: the sign-in page, first set-up, invites, health probes.
    public static let openActions: Set<Action> = [
        .enterSite, .checkHealth, .readAsset, .viewSignIn, .signIn, .runFirstSetup, .acceptInvite, .readCalendarFeed,
        .resetPassword, .readAPIDescription, .readMetrics,
    ]

    /// The journey (stages and dates) is visible to the peer worker in the relationship and, as
    /// service-wide metadata without any note text, to coordinators.
    private static func decideRelationshipRead(_ actor: Actor, _ resource: Resource) -> Decision {
        if actor.holds(.peerWorker), resource.workerID == nil || resource.workerID == actor.accountID {
            return .allow(reason: "Peer workers see their own relationships.")
        }
        if actor.holds(.coordinator), resource.category == nil || resource.category == .journey {
            return .allow(reason: "Coordinators see where relationships stand across the service, never note text.")
        }
        return .deny(reason: "Only the peer worker in this relationship, or a coordinator, can see it.")
    }

    /// A supervisor reads a supervisee's caseload (stages, dates, flags) and the reflections the
    /// worker chose to bring to supervision: never a note the worker kept to themselves.
    private static func decideSupervisionRead(_ actor: Actor, _ resource: Resource, categories: Set<InformationCategory>) -> Decision {
        guard actor.holds(.supervisor) else {
            return .deny(reason: "Only supervisors read what is brought to supervision.")
        }
        if resource.kind == .site {
            return .allow(reason: "Supervisors read what their supervisees bring to supervision.")
        }
        guard resource.supervisorIDs.contains(actor.accountID) else {
            return .deny(reason: "Only this peer worker's supervisor can read this.")
        }
        guard let category = resource.category, categories.contains(category) else {
            return .deny(reason: "A supervisor sees where relationships stand and what the worker brings, not the peer's notes.")
        }
        return .allow(reason: "The worker brought this to supervision.")
    }

    /// A peer reads and answers their own record and nobody else's. Any specific record must
    /// name its owner: a record with no owner account is nobody's to read in the portal.
    private static func decideOwnRecord(_ actor: Actor, _ resource: Resource) -> Decision {
        guard actor.holds(.peer) else {
            return .deny(reason: "Only a peer reads their own record here.")
        }
        guard resource.kind == .site || resource.ownerID == actor.accountID else {
            return .deny(reason: "A peer sees only their own record.")
        }
        return .allow(reason: "A peer reads and responds to their own record.")
    }

    /// The two people in a relationship: the peer whose record it is, and their peer worker.
    /// Returns nil when the actor is neither, so a caller can ask someone else (a supervisor).
    private static func decidePeerAndWorker(_ actor: Actor, _ resource: Resource) -> Decision? {
        if actor.holds(.peer), resource.kind == .site || resource.ownerID == actor.accountID {
            return .allow(reason: "It is the peer's own record.")
        }
        if actor.holds(.peerWorker), !resource.relationshipEnded, resource.workerID == nil || resource.workerID == actor.accountID {
            return .allow(reason: "A peer worker works on the plans of their own relationships with the peer.")
        }
        return nil
    }

    /// Beyond the relationship, only a consent the peer gave opens a part of their record, and
    /// only the parts it names, to the audience it names, while it is in force.
    private static func decideUnderConsent(_ actor: Actor, _ resource: Resource) -> Decision {
        // Coordinators are never named in a consent: only an emergency opening lets them in here.
        guard actor.holds(.clinician) || actor.holds(.supervisor) || actor.holds(.peerWorker) || actor.holds(.coordinator) else {
            return .deny(reason: "Only those a peer can share with read under consent.")
        }
        if resource.kind == .site {
            return .allow(reason: "Each record decides by the peer's consents.")
        }
        if resource.breakGlass {
            return .allow(reason: "Opened in an emergency, with a reason and a second factor, for a limited time.")
        }
        guard let category = resource.category,
            resource.consents.permit(
                for: actor, category: category, isSupervisor: resource.supervisorIDs.contains(actor.accountID)) != nil
        else {
            return .deny(reason: "The peer hasn't shared this with you, or no longer does.")
        }
        return .allow(reason: "The peer consented to share this with you.")
    }

    /// The consent a read beyond the relationship rests on, to say so on the screen.
    public static func consentFor(_ actor: Actor, _ resource: Resource) -> ConsentProvision? {
        guard let category = resource.category else { return nil }
        return resource.consents.permit(for: actor, category: category, isSupervisor: resource.supervisorIDs.contains(actor.accountID))
    }

    private static func requireAdmin(_ actor: Actor) -> Decision {
        // Admins manage accounts but, by design, this grants no access to anyone's notes.
        actor.holds(.admin)
            ? .allow(reason: "Admins manage accounts.")
            : .deny(reason: "Only an admin can manage accounts.")
    }
}
