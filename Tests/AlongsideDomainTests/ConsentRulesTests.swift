import AlongsideDomain
import Foundation
import Testing

/// Beyond the relationship, the peer's consent is the only way in: for the parts it names, to
/// the person it names, while it is in force. A deny in force always wins.
@Suite struct ConsentRulesTests {
    let organisation = UUID()
    let clinician = UUID()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func provision(
        _ decision: ConsentProvision.Decision = .permit, audience: ConsentAudience = .clinician, grantee: UUID? = nil,
        categories: Set<InformationCategory> = [.safetyPlan], starts: TimeInterval = -86_400, ends: TimeInterval? = 86_400,
        revoked: TimeInterval? = nil
    ) -> ConsentProvision {
        ConsentProvision(
            id: UUID(), decision: decision, audience: audience, granteeID: audience == .clinician ? (grantee ?? clinician) : nil,
            categories: categories, purpose: "So my GP knows my plan", startsAt: now + starts, endsAt: ends.map { now + $0 },
            method: .portal, recordedBy: UUID(), recordedAt: now + starts, revokedAt: revoked.map { now + $0 })
    }

    func read(
        _ category: InformationCategory, by roles: Set<Role>, account: UUID? = nil, organisation: UUID? = nil,
        consents: [ConsentProvision], supervisors: Set<UUID> = []
    ) -> Bool {
        let actor = Actor(accountID: account ?? clinician, organisationID: self.organisation, roles: roles)
        let resource = Resource(
            kind: .peer, organisationID: organisation ?? self.organisation, ownerID: UUID(), workerID: UUID(), category: category,
            supervisorIDs: supervisors, consents: ConsentSet(consents, asOf: now))
        return AccessPolicy.decide(.signedIn(actor), .readUnderConsent, resource).isAllowed
    }

    @Test func aGrantedCategoryOpensToTheNamedClinicianOnly() {
        #expect(read(.safetyPlan, by: [.clinician], consents: [provision()]))
        #expect(!read(.sharedNotes, by: [.clinician], consents: [provision()]), "wrong category")
        #expect(!read(.safetyPlan, by: [.clinician], account: UUID(), consents: [provision()]), "wrong clinician")
        #expect(!read(.safetyPlan, by: [.peerWorker], consents: [provision()]), "a clinician's consent isn't the team's")
        #expect(!read(.safetyPlan, by: [.clinician], organisation: UUID(), consents: [provision()]), "another organisation")
    }

    @Test func expiredRevokedAndNotYetStartedConsentsOpenNothing() {
        #expect(!read(.safetyPlan, by: [.clinician], consents: [provision(starts: -90_000, ends: -1)]), "expired")
        #expect(!read(.safetyPlan, by: [.clinician], consents: [provision(revoked: -1)]), "revoked")
        #expect(read(.safetyPlan, by: [.clinician], consents: [provision(revoked: 60)]), "revoked later, still in force now")
        #expect(!read(.safetyPlan, by: [.clinician], consents: [provision(starts: 60)]), "starts later")
        #expect(read(.safetyPlan, by: [.clinician], consents: [provision(ends: nil)]), "until the peer says otherwise")
    }

    @Test func aDenyInForceWinsOverAPermit() {
        let both = [provision(), provision(.deny)]
        #expect(!read(.safetyPlan, by: [.clinician], consents: both))
        #expect(read(.safetyPlan, by: [.clinician], consents: [provision(), provision(.deny, revoked: -1)]))
    }

    @Test func supervisorsReadOnlyWhenTheySuperviseTheWorker() {
        let supervisor = UUID()
        let consent = provision(audience: .workerSupervisor)
        #expect(read(.safetyPlan, by: [.supervisor], account: supervisor, consents: [consent], supervisors: [supervisor]))
        #expect(!read(.safetyPlan, by: [.supervisor], account: supervisor, consents: [consent], supervisors: [UUID()]))
    }

    @Test func evaluatorsAndOtherRolesNeverReadARecordUnderConsent() {
        for role in [Role.evaluator, .admin, .coordinator, .peer] {
            #expect(!read(.outcomes, by: [role], consents: [provision(audience: .evaluator, categories: [.outcomes])]), "\(role)")
        }
    }

    func parse(
        audience: String? = "clinician", clinician: String? = nil, categories: [String] = ["safetyPlan"], purpose: String? = "For my GP",
        from: String? = nil, until: String? = nil, methods: [ConsentMethod] = [.portal]
    ) -> Result<ConsentDraft, FieldErrors> {
        ConsentForm.parse(
            .init(
                audience: audience, clinician: clinician ?? self.clinician.uuidString, categories: categories, purpose: purpose,
                from: from, until: until, method: nil),
            clinicians: [self.clinician], methods: methods, now: now, zone: .utc)
    }

    func errors(_ result: Result<ConsentDraft, FieldErrors>) -> FieldErrors {
        if case .failure(let errors) = result { return errors }
        return FieldErrors()
    }

    @Test func badConsentFormsSayWhatIsWrongByField() {
        #expect(errors(parse(categories: ["diagnosis"]))["categories"] != nil, "a category that doesn't exist")
        #expect(errors(parse(categories: []))["categories"] != nil)
        #expect(errors(parse(clinician: UUID().uuidString))["clinician"] != nil, "a clinician who doesn't exist")
        #expect(errors(parse(audience: "evaluator"))["audience"] != nil, "evaluators never read a record")
        #expect(errors(parse(purpose: "  "))["purpose"] != nil)
        #expect(errors(parse(from: "2027-03-10", until: "2027-03-01"))["until"]?.contains("before the first") == true)
        #expect(errors(parse(from: "2020-01-01"))["from"] != nil)
        #expect(errors(parse(until: "31/12/2027"))["until"] != nil)
    }

    @Test func theLastDayChosenIsIncludedWhole() throws {
        let draft = try parse(until: "2027-06-01").get()
        let zone = ZoneRules.utc
        #expect(zone.civil(try #require(draft.endsAt)).plainDayText == "2 June 2027")
        #expect(draft.startsAt == now)
        let provision = ConsentProvision(
            id: UUID(), decision: .permit, audience: .clinician, granteeID: clinician, categories: draft.categories,
            purpose: draft.purpose, startsAt: draft.startsAt, endsAt: draft.endsAt, method: .portal, recordedBy: UUID(), recordedAt: now)
        #expect(
            ConsentWords.sentence(provision, audienceName: "Dr Lee at Riverside Clinic", zone: zone)
                == "Dr Lee at Riverside Clinic can read your wellness and safety plan until 1 June 2027.")
    }
}
