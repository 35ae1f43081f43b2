import AlongsideDomain
import Fluent
import Vapor

/// "Who has looked at my record": every read by anyone other than the peer, naming the person
/// and their role, for as long as the trail is kept. Coordinators see the same trail across the
/// service, filtered.
enum WhoLookedController {
    static let pageSize = 100

    struct Line: Sendable {
        let read: RecordRead
        let readerName: String
        let peerName: String?
    }

    static func mine(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        guard let peer = try await PortalQueries.peer(of: actor.accountID, in: actor.organisationID, on: request.db) else {
            return PortalViews.notLinked(request.viewer)
        }
        try await request.authorize(.viewWhoLooked, peer.resource(.accountDetails))
        let reads = try await RecordRead.query(on: request.db).filter(\.$peerID == peer.requireID())
            .filter(\.$organisationID == peer.organisationID).sort(\.$readAt, .descending).limit(pageSize + 1).all()
        let names = try await AccountQueries.names(of: reads.map(\.readerID), in: peer.organisationID, on: request.db)
        try await request.audit.record(
            request, action: Action.viewWhoLooked.rawValue, target: "peer", targetID: peer.id?.uuidString, outcome: .success)
        return WhoLookedViews.mine(
            request.viewer,
            lines: reads.prefix(pageSize).map { Line(read: $0, readerName: names[$0.readerID] ?? "Someone who has left", peerName: nil) },
            more: reads.count > pageSize)
    }

    struct Filter: Content {
        var reader: String?
        var category: String?
        var basis: String?
    }

    static func service(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let filter = (try? request.query.decode(Filter.self)) ?? Filter()
        var query = RecordRead.query(on: request.db).filter(\.$organisationID == actor.organisationID)
        if let reader = filter.reader.flatMap(UUID.init(uuidString:)) { query = query.filter(\.$readerID == reader) }
        if let category = filter.category.flatMap(InformationCategory.init(rawValue:)) {
            query = query.filter(\.$category == category.rawValue)
        }
        if let basis = filter.basis.flatMap(RecordRead.Basis.init(rawValue:)) { query = query.filter(\.$basis == basis.rawValue) }
        let reads = try await query.sort(\.$readAt, .descending).limit(pageSize + 1).all()
        let names = try await AccountQueries.names(of: reads.map(\.readerID), in: actor.organisationID, on: request.db)
        let peers = try await Peer.query(on: request.db).filter(\.$organisationID == actor.organisationID)
            .filter(\.$id ~~ Array(Set(reads.map(\.peerID)))).all()
        let peerNames = Dictionary(uniqueKeysWithValues: peers.compactMap { peer in peer.id.map { ($0, peer.preferredName) } })
        let readers = try await AccountQueries.names(
            of: try await RecordRead.query(on: request.db).filter(\.$organisationID == actor.organisationID).unique()
                .all(\.$readerID), in: actor.organisationID, on: request.db)
        try await request.audit.record(request, action: Action.viewRecordReads.rawValue, target: "recordReads", outcome: .success)
        return WhoLookedViews.service(
            request.viewer,
            lines: reads.prefix(pageSize).map {
                Line(read: $0, readerName: names[$0.readerID] ?? "Someone who has left", peerName: peerNames[$0.peerID])
            },
            more: reads.count > pageSize, filter: filter, readers: readers.sorted { $0.value < $1.value })
    }
}
