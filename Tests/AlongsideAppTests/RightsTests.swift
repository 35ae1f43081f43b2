import AlongsideDomain
import Fluent
import Foundation
import Testing
import Vapor
import ZIPFoundation

@testable import AlongsideApp

/// A peer's rights over what is held about them: everything, downloaded at once.
@Suite struct RightsTests {
    static func entries(of zip: Data) throws -> [String: Data] {
        let archive = try Archive(data: zip, accessMode: .read)
        var files: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            files[entry.path] = data
        }
        return files
    }

    @Test func aPeerDownloadsEverythingAtOnceAndTheJSONHoldsTheirNotes() async throws {
        try await withTestApp { context in
            let (worker, peer, _) = try await PortalTests.peerWithANote(context)
            let download = try await peer.get("/my/export")
            #expect(download.status == .ok)
            #expect(download.headers.contentType?.subType == "zip")
            #expect(download.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let files = try Self.entries(of: download.bytes)
            let json = try #require(files["record.json"])
            let archive = try JSONDecoder.iso8601.decode(PeerArchive.self, from: json)
            #expect(archive.profile.preferredName == "Mereana")
            #expect(archive.relationships.first?.conversations.first?.sharedNote == "We walked to the beach.")
            let html = String(decoding: try #require(files["record.html"]), as: UTF8.self)
            #expect(html.contains("We walked to the beach."))
            #expect(!html.contains("I noticed my own worry."), "a worker's private reflection is theirs, not the peer's")
            #expect(!String(decoding: json, as: UTF8.self).contains("I noticed my own worry."))
            #expect(try await context.auditEntries(action: Action.exportOwnRecord.rawValue).count == 1)
            // Nobody else downloads a peer's archive.
            #expect(try await worker.get("/my/export").status == .forbidden)
        }
    }
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// A peer worker's story shows only where they chose.
@Suite struct DisclosureTests {
    @Test func aWorkersStoryShowsOnlyToTheAudiencesTheyChose() async throws {
        try await withTestApp { context in
            let (worker, peer, clinicianID, peerID) = try await ConsentTests.peerAndClinician(context)
            #expect(try await ConsentTests.grant(peer, to: clinicianID, ["sharedNotes"]).status == .seeOther)
            let story = "I found my way back through a peer group, years ago."
            try await worker.get("/account/story")
            let mismatched = try await worker.post(
                "/account/story", [("story", story), ("storyTo[]", "clinicians"), ("statusTo[]", "peers")])
            #expect(mismatched.status == .unprocessableEntity)
            #expect(mismatched.contains("Tick both, or neither"))
            #expect(mismatched.contains(story), "what was typed is kept")
            let saved = try await worker.post(
                "/account/story", [("story", story), ("storyTo[]", "peers"), ("statusTo[]", "peers")])
            #expect(saved.status == .seeOther)

            #expect(try await peer.get("/my").contains(story), "the peers they walk alongside read it")
            let clinician = try await context.signedInClient(ConsentTests.clinicianEmail)
            let shared = try await clinician.get("/shared/\(peerID.uuidString.lowercased())")
            #expect(shared.status == .ok)
            #expect(!shared.contains(story), "clinicians weren't chosen")
            #expect(!shared.contains("is a peer worker: someone with their own lived experience"))
            let supervisor = try await context.signedInClient("supervisor@demo.alongside.test")
            #expect(!(try await supervisor.get("/supervision")).contains(story), "nor were colleagues")
        }
    }
}
