import AlongsideDomain
import Fluent
import Vapor
import ZIPFoundation

/// A peer downloads everything held about them, at once: a page to read and the same as JSON,
/// in one zip archive made in memory for this request and never stored.
enum ExportController {
    static func download(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        guard let peer = try await PortalQueries.peer(of: actor.accountID, in: actor.organisationID, on: request.db) else {
            return PortalViews.notLinked(request.viewer)
        }
        try await request.authorize(.exportOwnRecord, peer.resource(.profile))
        let service = try await Organisation.find(peer.organisationID, on: request.db)?.name ?? "Alongside"
        let archive = try await PeerArchive.gather(peer, service: service, now: request.now, on: request.db)
        let zip = try zipped(
            [
                ("record.html", Data(PeerArchiveDocument.html(archive).utf8)),
                ("record.json", try archive.json()),
            ], at: request.now)
        try await request.audit.record(
            request, action: Action.exportOwnRecord.rawValue, target: "peer", targetID: peer.id?.uuidString, outcome: .success,
            detail: "\(zip.count) bytes")
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "zip")
        headers.replaceOrAdd(
            name: .contentDisposition,
            value: "attachment; filename=\"alongside-record-\(PlanDate.text(PlanDate.startOfDay(request.now))).zip\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: zip))
    }

    static func zipped(_ files: [(name: String, data: Data)], at date: Date) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for file in files {
            try archive.addEntry(
                with: file.name, type: .file, uncompressedSize: Int64(file.data.count), modificationDate: date,
                compressionMethod: .deflate
            ) { position, size in
                file.data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw Abort(.internalServerError, reason: "the archive could not be made") }
        return data
    }
}
