import AlongsideDomain
import Foundation
import Testing

@Suite struct AccessPolicyTests {
    let organisation = UUID()
    func actor(_ roles: Set<Role>, in organisation: UUID? = nil) -> Principal {
        .signedIn(Actor(accountID: UUID(), organisationID: organisation ?? self.organisation, roles: roles))
    }

    @Test func visitorsMayOnlyUseTheOpenActions() {
        for action in Action.allCases {
            let decision = AccessPolicy.decide(.anonymous, action)
            #expect(decision.isAllowed == AccessPolicy.openActions.contains(action), "\(action)")
        }
    }

    @Test func onlyAdminsManageAccounts() {
        let adminActions: [Action] = [
            .listAccounts, .viewAccount, .inviteAccount, .withdrawInvite, .changeRoles,
            .deactivateAccount, .reactivateAccount, .viewAuditTrail,
        ]
        for role in Role.allCases {
            for action in adminActions {
                let decision = AccessPolicy.decide(actor([role]), action, Resource(kind: .account, organisationID: organisation))
                #expect(decision.isAllowed == (role == .admin), "\(role) \(action)")
            }
        }
    }

    @Test func holdingSeveralRolesGivesTheUnionOfWhatTheyAllow() {
        let decision = AccessPolicy.decide(
            actor([.peerWorker, .admin]), .listAccounts, Resource(kind: .site, organisationID: organisation))
        #expect(decision.isAllowed)
    }

    @Test func nothingCrossesIntoAnotherOrganisation() {
        let elsewhere = Resource(kind: .account, organisationID: UUID())
        for action in Action.allCases where !AccessPolicy.openActions.contains(action) {
            let decision = AccessPolicy.decide(actor(Set(Role.allCases)), action, elsewhere)
            #expect(!decision.isAllowed, "\(action)")
            #expect(decision.reason == "This belongs to another organisation.")
        }
    }

    @Test func anAdminCannotDeactivateThemselves() {
        let me = UUID()
        let principal = Principal.signedIn(Actor(accountID: me, organisationID: organisation, roles: [.admin]))
        let decision = AccessPolicy.decide(
            principal, .deactivateAccount, Resource(kind: .account, organisationID: organisation, ownerID: me))
        #expect(!decision.isAllowed)
        #expect(decision.reason.contains("your own account"))
    }

    @Test func onlyTheOwnerChangesAPassword() {
        let me = UUID()
        let principal = Principal.signedIn(Actor(accountID: me, organisationID: organisation, roles: [.admin]))
        #expect(
            AccessPolicy.decide(principal, .changeOwnPassword, Resource(kind: .ownAccount, organisationID: organisation, ownerID: me))
                .isAllowed)
        #expect(
            !AccessPolicy.decide(principal, .changeOwnPassword, Resource(kind: .ownAccount, organisationID: organisation, ownerID: UUID()))
                .isAllowed)
    }

    @Test func everyDecisionGivesAReason() {
        for action in Action.allCases {
            for principal in [Principal.anonymous, actor([.peer]), actor([.admin])] {
                #expect(!AccessPolicy.decide(principal, action).reason.isEmpty)
            }
        }
    }
}
