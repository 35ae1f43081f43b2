import AlongsideDomain
import Fluent
import Vapor

/// Every read of a peer's record by someone other than the peer is written twice, together: to
/// the audit trail (sealed, for governance) and to `record_reads` (named, for the peer's own
/// "who has looked at my record"). When the peer asked to hear about this part of their record,
/// their inbox is told in the same transaction: the name and role of the reader, never a word of
/// what was read.
enum ReadTrail {
    static func note(
        _ request: Request, _ opened: RecordDoor.Opened, _ action: Action, target: String, targetID: UUID?, detail: String = "",
        category: InformationCategory? = nil
    ) async throws {
        try await note(
            request, opened, action, target: target, targetID: targetID, detail: detail, categories: [category ?? opened.category])
    }

    /// One read that showed several parts of the record (a page of what is shared with a clinician).
    static func note(
        _ request: Request, _ opened: RecordDoor.Opened, _ action: Action, target: String, targetID: UUID?, detail: String = "",
        categories: [InformationCategory]
    ) async throws {
        let session = try request.signedIn.orThrow()
        let actor = session.actor
        let entry = AuditLog.Entry(
            organisationID: actor.organisationID, actorID: actor.accountID, action: action.rawValue, targetKind: target,
            targetID: targetID?.uuidString, outcome: .success, detail: detail)
        var reads: [RecordRead] = []
        var alert: ReadTrailWriter.Alert?
        if !opened.viewerIsPeer {
            let (role, basis) = reader(actor, opened)
            let peerID = try opened.peer.requireID()
            reads = categories.map { category in
                let read = RecordRead(
                    organisationID: opened.peer.organisationID, peerID: peerID, readerID: actor.accountID, role: role, category: category,
                    basis: basis, consentID: opened.consent?.id ?? opened.breakGlass?.id, at: request.now)
                read.id = UUID.timeOrdered(at: request.now)
                return read
            }
            let alerted = categories.filter(opened.peer.readAlertCategories.contains)
            if let peerAccount = opened.peer.accountID, !alerted.isEmpty {
                alert = .init(
                    organisationID: opened.peer.organisationID, to: peerAccount,
                    message:
                        "\(session.displayName), \(ReadWords.role(role, basis)), read \(ConsentWords.list(alerted.map(\.plainWords))).",
                    at: request.now)
            }
        }
        // Written with the other reads arriving now, in one transaction (see `ReadTrailWriter`).
        try await request.application.readTrailWriter.write(
            .init(entry: entry, reads: reads, alert: alert), on: request.application.db, clock: request.application.clock,
            key: request.application.auditKey)
    }

    /// In which of their roles the reader read, and on what grounds.
    static func reader(_ actor: Actor, _ opened: RecordDoor.Opened) -> (Role, RecordRead.Basis) {
        if opened.breakGlass != nil {
            let role: Role = [.clinician, .coordinator, .supervisor].first(where: actor.holds) ?? .peerWorker
            return (role, .breakGlass)
        }
        if opened.consent != nil {
            return (actor.holds(.clinician) ? .clinician : actor.holds(.supervisor) ? .supervisor : .peerWorker, .consent)
        }
        if actor.holds(.peerWorker), opened.relationship.workerID == actor.accountID { return (.peerWorker, .relationship) }
        if actor.holds(.supervisor), opened.supervisors.contains(actor.accountID) { return (.supervisor, .supervision) }
        if actor.holds(.coordinator) { return (.coordinator, .service) }
        return (actor.roles.sorted().first ?? .peerWorker, .relationship)
    }
}

/// The reader's role as the peer hears it: "your peer worker", "a partner clinician".
enum ReadWords {
    static func role(_ role: Role, _ basis: RecordRead.Basis) -> String {
        switch role {
        case .peerWorker where basis == .consent || basis == .breakGlass: "a peer worker of the service"
        case .supervisor where basis == .consent || basis == .breakGlass: "a supervisor of the service"
        case .peerWorker: "your peer worker"
        case .supervisor: "your peer worker's supervisor"
        case .coordinator: "a coordinator of the service"
        case .clinician: "a partner clinician"
        case .peer: "you"
        case .evaluator: "an evaluator"
        case .admin: "an admin"
        }
    }
}

extension Optional {
    func orThrow() throws -> Wrapped {
        guard let value = self else { throw Abort(.unauthorized) }
        return value
    }
}
