import AlongsideDomain
import Fluent
import Foundation
import SQLKit
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
            let record = try #require(try await Peer.query(on: context.db).all().first { $0.preferredName == "Mereana" })
            try await peer.get("/my/profile")
            try await peer.post("/my/profile", [("preferredName", "Mere"), ("seen", OwnProfileController.digest(record.profile))])
            let download = try await peer.get("/my/export")
            #expect(download.status == .ok)
            #expect(download.headers.contentType?.subType == "zip")
            #expect(download.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let files = try Self.entries(of: download.bytes)
            let json = try #require(files["record.json"])
            let archive = try JSONDecoder.iso8601.decode(PeerArchive.self, from: json)
            #expect(archive.profile.preferredName == "Mere")
            #expect(archive.earlierProfiles.first?["preferredName"] == "Mereana", "earlier wordings are theirs too")
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

/// A coordinator erases a peer's record at their request: only once no relationship is open; within
/// the retention period everything identifying goes and the rest stays; otherwise it all goes.
@Suite struct ErasureTests {
    static let secret = "We walked to the beach."

    static func rawContains(_ text: String, _ context: TestContext) async throws -> [String] {
        let sql = try #require(context.db as? any SQLDatabase)
        var found: [String] = []
        for (table, columns) in FreeTextColumns.all {
            for column in columns {
                // Sealed at rest: each value is opened to look for the words.
                let rows = try await sql.raw("SELECT \(ident: column) AS value FROM \(ident: table) WHERE \(ident: column) <> ''").all()
                if try rows.contains(where: { try $0.decodeSealed(column: "value").contains(text) }) { found.append("\(table).\(column)") }
            }
        }
        return found
    }

    @Test func anOpenRelationshipMustEndFirstThenWithinRetentionTheRecordIsAnonymised() async throws {
        try await withTestApp { context in
            let (worker, peer, clinicianID, peerID) = try await ConsentTests.peerAndClinician(context)
            #expect(try await ConsentTests.grant(peer, to: clinicianID, ["sharedNotes"]).status == .seeOther)
            let organisation = try #require(try await Organisation.query(on: context.db).first())
            organisation.retentionYears = 7
            try await organisation.save(on: context.db)
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            let path = "/peers/\(peerID.uuidString.lowercased())/erasure"
            let refused = try await coordinator.get(path)
            #expect(refused.contains("is still open. It must end first"))
            #expect(try await coordinator.post(path, [("confirm", "Mereana"), ("asked", "in-writing")]).status == .conflict)
            #expect(try await Self.rawContains(Self.secret, context) != [])

            let relationship = try #require(try await Relationship.query(on: context.db).filter(\.$peerID == peerID).first())
            try await JourneyFlowTests.end(worker, "/relationships/\(try relationship.requireID().uuidString.lowercased())")
            let page = try await coordinator.get(path)
            #expect(page.contains("The service must keep its records for now"))
            #expect(
                try await coordinator.post(path, [("confirm", "Someone else"), ("asked", "in-writing")]).contains(
                    "Type their name exactly as shown"))
            let erased = try await coordinator.post(path, [("confirm", "Mereana"), ("asked", "in-writing")])
            #expect(erased.status == .seeOther)

            #expect(try await Self.rawContains(Self.secret, context) == [], "no free text of theirs is left")
            let named = try await Self.rawContains("Mereana", context)
            #expect(named == [], "nor their name")
            let kept = try #require(try await Peer.find(peerID, on: context.db))
            #expect(kept.preferredName.hasPrefix("Erased peer"))
            #expect(try await Conversation.query(on: context.db).filter(\.$relationshipID == relationship.requireID()).count() == 1)
            #expect(try await peer.get("/my").status != .ok, "their login no longer opens anything")
            // The act is in the audit trail without what was erased, and the trail still verifies.
            let entries = try await context.auditEntries(action: Action.processErasure.rawValue)
            #expect(entries.count == 1)
            #expect(entries.first?.detail.contains("anonymise") == true)
            let verdict = try await AuditVerifier.verify(on: context.db, key: context.app.auditKey)
            if case .broken = verdict { Issue.record("the audit trail no longer verifies: \(verdict)") }
        }
    }

    @Test func withoutARetentionPeriodEverythingIsErased() async throws {
        try await withTestApp { context in
            let (worker, peer, clinicianID, peerID) = try await ConsentTests.peerAndClinician(context)
            #expect(try await ConsentTests.grant(peer, to: clinicianID, ["sharedNotes"]).status == .seeOther)
            let relationship = try #require(try await Relationship.query(on: context.db).filter(\.$peerID == peerID).first())
            let relationshipPath = "/relationships/\(try relationship.requireID().uuidString.lowercased())"
            try await worker.get(relationshipPath + "/safety-plan")
            try await worker.post(relationshipPath + "/safety-plan", [("version", "0"), ("section-keeps-me-well", "Walking the dog.")])
            try await JourneyFlowTests.end(worker, relationshipPath)
            let coordinator = try await context.signedInClient("coordinator@demo.alongside.test")
            let path = "/peers/\(peerID.uuidString.lowercased())/erasure"
            #expect(try await coordinator.get(path).contains("Everything held about them is deleted."))
            #expect(try await coordinator.post(path, [("confirm", "Mereana"), ("asked", "in-writing")]).status == .seeOther)
            #expect(try await Peer.find(peerID, on: context.db) == nil)
            #expect(try await Relationship.query(on: context.db).filter(\.$peerID == peerID).count() == 0)
            #expect(try await ConsentRecord.query(on: context.db).filter(\.$peerID == peerID).count() == 0)
            #expect(try await Self.rawContains(Self.secret, context) == [])
            #expect(try await Self.rawContains("Walking the dog.", context) == [])
            let verdict = try await AuditVerifier.verify(on: context.db, key: context.app.auditKey)
            if case .broken = verdict { Issue.record("the audit trail no longer verifies: \(verdict)") }
        }
    }

    /// Each free-text column sits in a table the erasure knows how to reach from a peer, or is named as not a peer's.
    @Test func everyFreeTextTableIsReachedByErasure() {
        let reached = Set(ErasureStore.owned(by: UUID()).map(\.table))
        for table in FreeTextColumns.all.keys {
            #expect(reached.contains(table) || ErasureStore.notAPeersRecord.contains(table), "\(table) isn't erased with a peer")
        }
    }
}

/// A peer corrects their own profile; the earlier wording is kept and their worker is told.
@Suite struct OwnProfileTests {
    @Test func aPeerCorrectsTheirProfileAndTheEarlierWordingIsKept() async throws {
        try await withTestApp { context in
            let (_, peer, _, peerID) = try await ConsentTests.peerAndClinician(context)
            let page = try await peer.get("/my/profile")
            #expect(page.contains("Mereana"))
            let before = try await Peer.find(peerID, on: context.db)?.pronouns
            let seen = OwnProfileController.digest(try #require(try await Peer.find(peerID, on: context.db)).profile)
            let bad = try await peer.post("/my/profile", [("preferredName", ""), ("pronouns", "ia/ia"), ("seen", seen)])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.contains("ia/ia"), "what was typed is kept")
            #expect(try await Peer.find(peerID, on: context.db)?.pronouns == before, "nothing is saved partly")
            let saved = try await peer.post(
                "/my/profile", [("preferredName", "Mere"), ("pronouns", "she/her"), ("howToReach", "Text first"), ("seen", seen)])
            #expect(saved.status == .seeOther)
            // A second device's form, made from the earlier wording, doesn't overwrite the correction.
            let stale = try await peer.post("/my/profile", [("preferredName", "Mereana R"), ("seen", seen)])
            #expect(stale.status == .conflict)
            #expect(stale.contains("Mereana R"), "what was typed is kept to apply again")
            let reread = try await peer.get("/my/profile")
            #expect(reread.contains("Earlier wording"))
            #expect(try await Peer.find(peerID, on: context.db)?.preferredName == "Mere")
            #expect(try await Peer.find(peerID, on: context.db)?.searchKey == SearchIndex.column(forName: "Mere"))
            #expect(
                try await ProfileVersion.query(on: context.db).filter(\.$peerID == peerID).first()?.fields["preferredName"] == "Mereana")
            let told = try await InboxNotification.query(on: context.db).all().filter {
                $0.message == "A peer you walk alongside corrected their profile."
            }.count
            #expect(told == 1)
        }
    }
}
