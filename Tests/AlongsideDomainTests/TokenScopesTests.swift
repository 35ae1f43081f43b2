import Foundation
import Testing

@testable import AlongsideDomain

@Suite struct TokenScopesTests {
    let worker = UUID()
    let organisation = UUID()

    func actor(_ roles: Set<Role>, _ scopes: TokenScopes?) -> Principal {
        .signedIn(Actor(accountID: worker, organisationID: organisation, roles: roles, tokenScopes: scopes))
    }

    @Test func aTokenReachesOnlyTheAPIsActionsInItsAreasAtItsLevel() {
        let readNotes = TokenScopes([.conversations: .read])
        let resource = Resource(kind: .site, organisationID: organisation)
        #expect(AccessPolicy.decide(actor([.peerWorker], readNotes), .viewConversation, resource).isAllowed)
        #expect(!AccessPolicy.decide(actor([.peerWorker], readNotes), .recordConversation, resource).isAllowed)
        #expect(!AccessPolicy.decide(actor([.peerWorker], readNotes), .viewRelationship, resource).isAllowed)
        // No web-only action is ever reachable with a token, whatever it was given.
        let everything = TokenScopes(Dictionary(uniqueKeysWithValues: APIArea.allCases.map { ($0, .write) }))
        let reachable = Set(Action.allCases.filter { TokenScopes.need(for: $0) != nil })
        for action in Action.allCases where !reachable.contains(action) && !AccessPolicy.openActions.contains(action) {
            #expect(!AccessPolicy.decide(actor(Set(Role.allCases), everything), action, resource).isAllowed, "\(action)")
        }
        #expect(!reachable.contains(.manageAccessTokens) && !reachable.contains(.changeRoles))
    }

    @Test func aTokenNeverReachesBeyondItsPerson() {
        let everything = TokenScopes(Dictionary(uniqueKeysWithValues: APIArea.allCases.map { ($0, .write) }))
        let resource = Resource(kind: .site, organisationID: organisation)
        #expect(!AccessPolicy.decide(actor([.coordinator], everything), .viewConversation, resource).isAllowed)
        #expect(!AccessPolicy.decide(actor([.peer], everything), .listRelationships, resource).isAllowed)
    }

    @Test func onlyTheWorkerWalkingAlongsideNowReadsAPeersConsents() {
        let open = Resource(kind: .relationship, organisationID: organisation, workerID: worker, relationshipEnded: false)
        let ended = Resource(kind: .relationship, organisationID: organisation, workerID: worker, relationshipEnded: true)
        #expect(AccessPolicy.decide(actor([.peerWorker], nil), .viewConsents, open).isAllowed)
        #expect(!AccessPolicy.decide(actor([.peerWorker], nil), .viewConsents, ended).isAllowed)
    }

    @Test func storedScopesReadBackAndADamagedRowReachesLessNeverMore() {
        let scopes = TokenScopes([.journey: .write, .plans: .read])
        #expect(TokenScopes(stored: scopes.stored) == scopes)
        #expect(TokenScopes(stored: "journey:admin plans:read everything:write") == TokenScopes([.plans: .read]))
    }

    @Test func aDraftNeedsANameAndSomewhereToReach() {
        guard case .failure(let errors) = AccessTokenDraft.parse(name: " ", levels: [:]) else {
            Issue.record("an empty draft passed")
            return
        }
        #expect(errors["name"] != nil)
        #expect(errors["scope-journey"] == "Choose at least one area the token may reach.")
        // Plans are only read through the API: writing can't be asked for.
        guard case .failure(let writePlans) = AccessTokenDraft.parse(name: "Sheet", levels: ["plans": "write"]) else {
            Issue.record("writing plans was accepted")
            return
        }
        #expect(writePlans["scope-plans"] != nil)
        let draft = try? AccessTokenDraft.parse(name: "  Sheet ", levels: ["journey": "read"]).get()
        #expect(draft == AccessTokenDraft(name: "Sheet", scopes: TokenScopes([.journey: .read])))
    }
}
