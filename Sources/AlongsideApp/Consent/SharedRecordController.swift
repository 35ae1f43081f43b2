import AlongsideDomain
import Fluent
import Vapor

/// A partner clinician's view: only the peers who consented to share with them, only the parts
/// they consented to, each part saying under which consent it is shown.
enum SharedRecordController {
    static func list(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let shared = try await ConsentQueries.sharedWith(actor, now: request.now, on: request.db)
        try await request.audit.record(request, action: Action.viewSharedWithMe.rawValue, target: "peers", outcome: .success)
        return SharedRecordViews.list(request.viewer, shared: shared.now, earlier: shared.earlier)
    }

    static func show(_ request: Request) async throws -> Response {
        let opened = try await RecordDoor.peer(request, for: .readUnderConsent, categories: InformationCategory.shareable)
        let shown = InformationCategory.shareable.compactMap { RecordDoor.shown(request, opened, .readUnderConsent, $0) }
        let contents = try await SharedRecordContents.load(
            shown.map(\.category), peer: opened.peer, latest: opened.relationship, on: request.db)
        try await ReadTrail.note(
            request, opened, .readUnderConsent, target: "peer", targetID: opened.peer.id, categories: shown.map(\.category))
        let worker = opened.relationship.workerID
        let workerName = try await AccountQueries.names(of: [worker], in: opened.peer.organisationID, on: request.db)[worker]
        let disclosure = try await DisclosureController.shown(of: [worker], to: .clinicians, in: opened.peer.organisationID, on: request.db)
        return SharedRecordViews.show(
            request.viewer, peer: opened.peer, shown: shown, contents: contents, breakGlass: opened.breakGlass,
            worker: (workerName ?? "Their peer worker", disclosure[worker]))
    }
}

/// What a page of shared parts holds, read only for the parts shown.
struct SharedRecordContents: Sendable {
    var journey: PortalQueries.Journey?
    var notes: [Conversation] = []
    var towards: TowardsPlanStore.Contents?
    var safetyPlan: SafetyPlan?
    var concerns: [ConcernRecord] = []
    var checkIns: [CheckInRecord] = []

    static func load(
        _ categories: [InformationCategory], peer: Peer, latest: Relationship, on database: any Database
    ) async throws -> SharedRecordContents {
        var contents = SharedRecordContents()
        let peerID = try peer.requireID()
        let relationshipIDs = try await Relationship.query(on: database).filter(\.$peerID == peerID)
            .filter(\.$organisationID == peer.organisationID).all().compactMap(\.id)
        for category in categories {
            switch category {
            case .journey:
                contents.journey = try await PortalQueries.journeys(of: peer, now: Date(), on: database)
                    .first { $0.relationship.id == latest.id }
            case .sharedNotes:
                contents.notes = try await Conversation.query(on: database).filter(\.$organisationID == peer.organisationID)
                    .filter(\.$relationshipID ~~ relationshipIDs).filter(.sql(unsafeRaw: "shared_note <> ''")).sort(
                        \.$occurredAt, .descending
                    )
                    .limit(20).all()
            case .plans:
                contents.towards = try await TowardsPlanStore.contents(of: latest, on: database)
            case .safetyPlan:
                contents.safetyPlan = try await SafetyPlanStore.plan(for: peer, on: database)
            case .concernRecords:
                contents.concerns = try await ConcernRecord.query(on: database).filter(\.$organisationID == peer.organisationID)
                    .filter(\.$relationshipID ~~ relationshipIDs).sort(\.$openedAt, .descending).limit(20).all()
            case .mutuality:
                contents.checkIns = try await CheckInRecord.query(on: database).filter(\.$organisationID == peer.organisationID)
                    .filter(\.$relationshipID ~~ relationshipIDs).filter(\.$respondent == Respondent.peer.rawValue)
                    .sort(\.$answeredAt, .descending).limit(20).all()
            case .profile, .outcomes, .accountDetails, .practiceReflection, .billingRecord:
                break
            }
        }
        return contents
    }
}
