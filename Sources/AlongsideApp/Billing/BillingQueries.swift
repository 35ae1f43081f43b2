import AlongsideDomain
import Fluent
import Foundation
import SQLKit
import Vapor

enum BillingQueries {
    /// The organisation's standard, if it bills, and whether a supervisor must sign off.
    static func standard(for organisationID: UUID, in standards: [DocumentationStandard], on database: any Database) async throws
        -> (DocumentationStandard, signOff: Bool)?
    {
        guard let organisation = try await Organisation.find(organisationID, on: database),
            let id = organisation.documentationStandard,
            let standard = standards.first(where: { $0.id == id })
        else { return nil }
        return (standard, organisation.supervisorSignOff)
    }

    static func record(for note: Conversation, on database: any Database) async throws -> BillingRecord? {
        try await BillingRecord.query(on: database).filter(\.$conversationID == note.requireID())
            .filter(\.$organisationID == note.organisationID).first()
    }

    /// Signed records from these workers that no supervisor has signed off yet.
    struct Waiting: Sendable {
        let conversationID: UUID
        let occurredAt: Date
        let workerID: UUID
    }

    static func awaitingSignOff(by workers: [UUID], in organisationID: UUID, on database: any Database) async throws -> [Waiting] {
        guard !workers.isEmpty else { return [] }
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT c.id, c.occurred_at, c.written_by FROM billing_records b
            JOIN conversations c ON c.id = b.conversation_id AND c.organisation_id = b.organisation_id
            WHERE b.organisation_id = \(bind: organisationID) AND b.signed_by IS NOT NULL AND b.signed_off_at IS NULL
              AND c.written_by IN (\(binds: workers))
            ORDER BY c.occurred_at DESC
            LIMIT 200
            """
        ).all()
        return try rows.map { row in
            Waiting(
                conversationID: try row.decodeID(column: "id"),
                occurredAt: try row.decode(column: "occurred_at", as: Date.self),
                workerID: try row.decodeID(column: "written_by"))
        }
    }
}

extension Application {
    private struct StandardsKey: StorageKey { typealias Value = [DocumentationStandard] }

    /// The required-elements sets an organisation can choose from.
    var documentationStandards: [DocumentationStandard] {
        get { storage[StandardsKey.self] ?? [] }
        set { storage[StandardsKey.self] = newValue }
    }
}
