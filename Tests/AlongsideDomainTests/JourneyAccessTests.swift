import AlongsideDomain
import Foundation
import Testing

/// Who sees what of a peer's journey: the worker their own, a coordinator the shape but never
/// the words, a peer only their own record, and nobody else anything.
@Suite struct JourneyAccessTests {
    let organisation = UUID()
    let worker = UUID()
    let peerAccount = UUID()

    func principal(_ roles: Set<Role>, account: UUID = UUID()) -> Principal {
        .signedIn(Actor(accountID: account, organisationID: organisation, roles: roles))
    }

    func relationship(_ category: InformationCategory, worker: UUID? = nil) -> Resource {
        Resource(kind: .relationship, organisationID: organisation, workerID: worker ?? self.worker, category: category)
    }

    @Test func aPeerWorkerReadsAndWritesOnlyTheirOwnRelationships() {
        let own = principal([.peerWorker], account: worker)
        let colleague = principal([.peerWorker])
        for action in [Action.viewRelationship, .recordConversation, .viewConversation, .editConversation, .answerCorrection] {
            #expect(AccessPolicy.decide(own, action, relationship(.sharedNotes)).isAllowed, "\(action)")
            #expect(!AccessPolicy.decide(colleague, action, relationship(.sharedNotes)).isAllowed, "\(action)")
        }
    }

    @Test func aCoordinatorSeesTheJourneyButNeverTheNotes() {
        let coordinator = principal([.coordinator])
        #expect(AccessPolicy.decide(coordinator, .viewRelationship, relationship(.journey)).isAllowed)
        #expect(!AccessPolicy.decide(coordinator, .viewRelationship, relationship(.sharedNotes)).isAllowed)
        #expect(!AccessPolicy.decide(coordinator, .viewConversation, relationship(.sharedNotes)).isAllowed)
        #expect(
            !AccessPolicy.decide(coordinator, .invitePeer, relationship(.journey)).isAllowed,
            "a login to the record is the worker's and peer's to make")
    }

    @Test func aPeerSeesOnlyTheirOwnRecord() {
        let peer = principal([.peer], account: peerAccount)
        let theirs = Resource(kind: .peer, organisationID: organisation, ownerID: peerAccount, category: .sharedNotes)
        let someoneElses = Resource(kind: .peer, organisationID: organisation, ownerID: UUID(), category: .sharedNotes)
        let nobodys = Resource(kind: .peer, organisationID: organisation, ownerID: nil, category: .sharedNotes)
        for action in [Action.viewOwnRecord, .commentOnNote, .requestCorrection] {
            #expect(AccessPolicy.decide(peer, action, theirs).isAllowed, "\(action)")
            #expect(!AccessPolicy.decide(peer, action, someoneElses).isAllowed, "\(action)")
            #expect(!AccessPolicy.decide(peer, action, nobodys).isAllowed, "a record without a login is nobody's to read: \(action)")
            #expect(!AccessPolicy.decide(principal([.peerWorker]), action, theirs).isAllowed, "\(action)")
        }
        #expect(!AccessPolicy.decide(peer, .viewConversation, relationship(.sharedNotes)).isAllowed, "never through the worker's pages")
    }

    @Test func adminsEvaluatorsAndCliniciansSeeNoneOfIt() {
        for role in [Role.admin, .evaluator, .clinician] {
            for action in [Action.viewCaseload, .viewRelationship, .viewConversation, .recordConversation, .viewOwnRecord] {
                #expect(!AccessPolicy.decide(principal([role]), action, relationship(.journey)).isAllowed, "\(role) \(action)")
            }
        }
    }
}

@Suite struct SupervisionAccessTests {
    let organisation = UUID()
    let supervisor = UUID()

    func reflection(supervisedBy: Set<UUID>, category: InformationCategory = .practiceReflection) -> Resource {
        Resource(kind: .conversation, organisationID: organisation, workerID: UUID(), category: category, supervisorIDs: supervisedBy)
    }

    @Test func aSupervisorReadsWhatTheirSuperviseesBringAndNothingElse() {
        let principal = Principal.signedIn(Actor(accountID: supervisor, organisationID: organisation, roles: [.supervisor]))
        #expect(AccessPolicy.decide(principal, .readForSupervision, reflection(supervisedBy: [supervisor])).isAllowed)
        #expect(AccessPolicy.decide(principal, .readForSupervision, reflection(supervisedBy: [supervisor], category: .journey)).isAllowed)
        #expect(!AccessPolicy.decide(principal, .readForSupervision, reflection(supervisedBy: [UUID()])).isAllowed, "not my supervisee")
        #expect(
            !AccessPolicy.decide(principal, .readForSupervision, reflection(supervisedBy: [supervisor], category: .sharedNotes)).isAllowed,
            "the peer's shared notes are between the peer and their worker")
        #expect(!AccessPolicy.decide(principal, .viewConversation, reflection(supervisedBy: [supervisor])).isAllowed)
    }

    @Test func onlyCoordinatorsArrangeSupervision() {
        for role in Role.allCases {
            let principal = Principal.signedIn(Actor(accountID: UUID(), organisationID: organisation, roles: [role]))
            #expect(AccessPolicy.decide(principal, .manageSupervision, .site).isAllowed == (role == .coordinator), "\(role)")
        }
    }
}
