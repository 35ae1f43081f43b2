import AlongsideDomain
import Fluent
import Foundation
import SQLKit

/// Supervision in the demo: Priya supervises Sam and Ana, Lee supervises Tama, and Sam has
/// brought a few recent reflections to supervision.
enum DemoSupervision {
    static let links = [("supervisor", "peerworker"), ("supervisor", "ana.sousa"), ("lee.fairweather", "tama.wiremu")]
    static let reflections = [
        "I felt the pull to fix things for them and held back. Worth talking through where that line is.",
        "I shared how I used to dread mornings; it landed, they laughed and said 'exactly'. I want to check I didn't take up too much space.",
        "Tired after this one. Noticed my own old worries came up when they talked about their sister.",
    ]

    static func seed(organisationID: UUID, by author: UUID, on db: any Database, now: Date) async throws {
        guard try await SupervisionLink.query(on: db).filter(\.$organisationID == organisationID).count() == 0 else { return }
        var sam: UUID?
        for (supervisor, worker) in links {
            guard
                let supervisorID = try await account(supervisor, in: organisationID, on: db),
                let workerID = try await account(worker, in: organisationID, on: db)
            else { continue }
            if worker == "peerworker" { sam = workerID }
            try await SupervisionLink(
                organisationID: organisationID, supervisorID: supervisorID, workerID: workerID,
                startedAt: now.addingTimeInterval(-200 * 86_400), startedBy: author
            ).create(on: db)
        }
        guard let sam else { return }
        let recent = try await Conversation.query(on: db).filter(\.$organisationID == organisationID).filter(\.$writtenBy == sam)
            .sort(\.$occurredAt, .descending).limit(reflections.count).all()
        for (note, reflection) in zip(recent, reflections) {
            note.privateReflection = reflection
            note.forSupervision = true
            try await note.save(on: db)
        }
    }

    private static func account(_ name: String, in organisationID: UUID, on db: any Database) async throws -> UUID? {
        try await Account.query(on: db).filter(\.$email == "\(name)@\(DemoData.emailDomain)")
            .filter(\.$organisation.$id == organisationID).first()?.id
    }
}
