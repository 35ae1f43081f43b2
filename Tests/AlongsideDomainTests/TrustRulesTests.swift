import AlongsideDomain
import Foundation
import Testing

/// The domain's rules behind the trust findings: input edges, the peer-link code, and who may
/// grant, link and read what.
@Suite struct TrustRulesTests {
    let organisation = UUID()

    @Test func datesAndTimesMustBeRealAndWithinSensibleYears() {
        #expect(CivilTime.parse("2026-11-24T09:30") == Date(timeIntervalSince1970: 1_795_512_600))
        #expect(CivilTime.parse("2026-11-24T09:30:00") == Date(timeIntervalSince1970: 1_795_512_600))
        #expect(CivilTime.parse("2024-02-29T00:00") != nil, "a leap day")
        for bad in [
            "9999-12-31T00:00", "0000-01-01T00:00", "2026-11-24T10:00:99", "2026-11-24T24:00", "2026-11-24T09:60", "2026-04-31T09:00",
            "2025-02-29T09:00", "2026-13-01T09:00", "2026-1-5T9:30", "2026-11-24", "+026-11-24T09:30", "2026-11-24T09:3a", "",
        ] {
            #expect(CivilTime.parse(bad) == nil, "\(bad)")
        }
        #expect(PlanDate.parse("9999-12-31") == nil)
        #expect(PlanDate.parse("2026-12-31") != nil)
    }

    @Test func namesRefuseHiddenDirectionMarksAndControlCharacters() {
        for bad in ["Ana\u{202E}nimda", "Ana\u{2066}x", "Ana\u{200F}", "Ana\u{0}", "Ana\u{7}"] {
            #expect(NameRule.problem(with: bad, label: "your name", maxLength: 100) != nil, "\(bad.debugDescription)")
        }
        #expect(NameRule.problem(with: "Āwhina Te Rangi", label: "your name", maxLength: 100) == nil)
        #expect(NameRule.problem(with: "سارا", label: "your name", maxLength: 100) == nil, "right-to-left names are welcome")
    }

    @Test func aFormIsReadOnlyWhenEachFieldComesOnceAsReadableText() {
        func problem(_ text: String) -> FormBody.Problem? { FormBody.problem(in: Array(text.utf8)) }
        #expect(problem("a=1&b=two+words&roles[]=peer&roles[]=admin&note=line%0Aline%09tab") == nil)
        #expect(problem("") == nil)
        #expect(problem("a=1&a=2") == .repeatedField("a"))
        #expect(problem("note=a%00b") == .controlCharacter(field: "note"))
        #expect(problem("note=a%7Fb") == .controlCharacter(field: "note"))
        #expect(problem("note=%FF%FE") == .invalidText(field: "note"))
        #expect(problem("note=%C3%28") == .invalidText(field: "note"))
        #expect(problem("note=%E2%82%AC") == nil, "the euro sign, percent-encoded")
        #expect(FormBody.problem(in: Array("note=".utf8) + [0xC3, 0x28]) == .invalidText(field: "note"))
        #expect(problem("note=%G1") == .malformedEncoding)
        #expect(problem("note=%") == .malformedEncoding)
    }

    @Test func aPeerLinkCodeIsSixDigitsReadAloudAndForgivingOfSpaces() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let code = PeerLinkCode.generate(using: &generator)
            #expect(code.count == 6 && code.allSatisfy(\.isNumber))
            #expect(PeerLinkCode.normalised(PeerLinkCode.spoken(code)) == code)
        }
        #expect(PeerLinkCode.normalised("123-456") == "123456")
        #expect(PeerLinkCode.normalised("12345") == nil)
        #expect(PeerLinkCode.normalised("12345a") == nil)
        #expect(PeerLinkCode.problem(with: "") != nil)
    }

    @Test func onlyThePeersWorkerOnAnOpenRelationshipStartsALink() {
        let worker = UUID()
        let open = Resource(kind: .relationship, organisationID: organisation, workerID: worker)
        let ended = Resource(kind: .relationship, organisationID: organisation, workerID: worker, relationshipEnded: true)
        let asWorker = Principal.signedIn(Actor(accountID: worker, organisationID: organisation, roles: [.peerWorker]))
        let coordinator = Principal.signedIn(Actor(accountID: UUID(), organisationID: organisation, roles: [.coordinator, .admin]))
        let colleague = Principal.signedIn(Actor(accountID: UUID(), organisationID: organisation, roles: [.peerWorker, .coordinator]))
        #expect(AccessPolicy.decide(asWorker, .invitePeer, open).isAllowed)
        #expect(!AccessPolicy.decide(asWorker, .invitePeer, ended).isAllowed, "never through a relationship that has ended")
        #expect(!AccessPolicy.decide(coordinator, .invitePeer, open).isAllowed)
        #expect(!AccessPolicy.decide(colleague, .invitePeer, open).isAllowed)
        #expect(AccessPolicy.decide(coordinator, .releasePeerLogin, open).isAllowed)
        #expect(!AccessPolicy.decide(asWorker, .releasePeerLogin, open).isAllowed)
    }

    @Test func nobodyChangesTheirOwnRoles() {
        let me = UUID()
        let admin = Principal.signedIn(Actor(accountID: me, organisationID: organisation, roles: [.admin]))
        #expect(!AccessPolicy.decide(admin, .changeRoles, Resource(kind: .account, organisationID: organisation, ownerID: me)).isAllowed)
        #expect(AccessPolicy.decide(admin, .changeRoles, Resource(kind: .account, organisationID: organisation, ownerID: UUID())).isAllowed)
        #expect(Role.allCases.filter(\.readsPeerRecords) == [.peerWorker, .supervisor, .coordinator, .clinician])
    }

    @Test func aWorkersOwnWordsAreReadOnlyByTheirWriter() {
        let writer = UUID()
        let words = Resource(kind: .conversation, organisationID: organisation, ownerID: writer, category: .practiceReflection)
        let asWriter = Principal.signedIn(Actor(accountID: writer, organisationID: organisation, roles: [.peerWorker]))
        let nextWorker = Principal.signedIn(Actor(accountID: UUID(), organisationID: organisation, roles: [.peerWorker]))
        let coordinator = Principal.signedIn(Actor(accountID: UUID(), organisationID: organisation, roles: Set(Role.allCases)))
        #expect(AccessPolicy.decide(asWriter, .readWorkersOwnWords, words).isAllowed)
        #expect(!AccessPolicy.decide(nextWorker, .readWorkersOwnWords, words).isAllowed)
        #expect(!AccessPolicy.decide(coordinator, .readWorkersOwnWords, words).isAllowed)
    }

    @Test func handingARelationshipToYourselfIsRefused() {
        let me = UUID()
        let current = UUID()
        let result = Handover.parse(to: me.uuidString, reason: "I'll take it", current: current, workers: [me, current], handingOver: me)
        guard case .failure(let errors) = result else {
            Issue.record("handed to themselves")
            return
        }
        #expect(errors["handoverTo"]?.contains("yourself") == true)
    }
}

extension TrustRulesTests {
    @Test func nobodyMakesThemselvesSomeonesSupervisor() {
        let me = UUID()
        let worker = UUID()
        let result = SupervisionAssignment.parse(
            supervisor: me.uuidString, worker: worker.uuidString, supervisors: [me], workers: [worker], existing: [], linkedBy: me)
        guard case .failure(let errors) = result else {
            Issue.record("linked themselves as a supervisor")
            return
        }
        #expect(errors["supervisor"]?.contains("yourself") == true)
        let byAnother = SupervisionAssignment.parse(
            supervisor: me.uuidString, worker: worker.uuidString, supervisors: [me], workers: [worker], existing: [], linkedBy: UUID())
        #expect((try? byAnother.get()) != nil)
    }
}

extension TrustRulesTests {
    /// A first try is never "too soon", whatever fraction of a second it lands on.
    @Test func aFirstTryGoesAheadAtAnyMoment() {
        let throttle = LoginThrottle()
        for offset in stride(from: 0.0, to: 1.0, by: 0.0137) {
            let seconds = 1_795_827_762.4614406 + offset
            let now = Date(timeIntervalSince1970: seconds)
            let count = LoginThrottle.Count(tries: 1, since: Date(timeIntervalSince1970: now.timeIntervalSince1970))
            #expect(throttle.verdict(pair: count, address: count, now: Date(timeIntervalSince1970: seconds)) == .tryIt)
        }
    }
}

extension TrustRulesTests {
    @Test func behindATrustedProxyTheForwardedAddressCountsAndIPv6CountsByItsBlock() {
        #expect(ClientAddress.resolve(peer: "203.0.113.9", forwardedFor: "198.51.100.7", trustedProxies: []) == "203.0.113.9")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: "198.51.100.7", trustedProxies: ["127.0.0.1"]) == "198.51.100.7")
        #expect(
            ClientAddress.resolve(
                peer: "127.0.0.1", forwardedFor: "6.6.6.6, 198.51.100.7, 10.0.0.2", trustedProxies: ["127.0.0.1", "10.0.0.2"])
                == "198.51.100.7", "what the client wrote itself is not believed")
        #expect(ClientAddress.resolve(peer: "127.0.0.1", forwardedFor: "<script>", trustedProxies: ["127.0.0.1"]) == "127.0.0.1")
        #expect(ClientAddress.resolve(peer: nil, forwardedFor: nil, trustedProxies: []) == "unknown")
        #expect(ClientAddress.throttlingKey("2001:db8:1:2:aaaa::1") == "2001:db8:1:2::/64")
        #expect(ClientAddress.throttlingKey("2001:db8:1:2:ffff:ffff:ffff:ffff") == "2001:db8:1:2::/64")
        #expect(ClientAddress.throttlingKey("2001:db8::1") == "2001:db8:0:0::/64")
        #expect(ClientAddress.throttlingKey("::1") == "0:0:0:0::/64")
    }
}
