import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// The billing layer, for services whose payer requires one: the worker fills in and signs the
/// required elements; where the organisation asks for it, their supervisor signs it off.
enum BillingController {
    static func form(_ request: Request) async throws -> Response {
        let (note, _, peer) = try await RecordDoor.conversation(request, for: .documentBilling).triple
        let (standard, signOff) = try await standard(request, note)
        let record = try await BillingQueries.record(for: note, on: request.db)
        let status = BillingStatus(standard: standard, record: record, note: note, signOffRequired: signOff)
        return BillingViews.form(
            request.viewer, note: note, peer: peer, status: status, entries: record?.entries ?? [:], sign: record?.signedBy != nil,
            credential: record?.credential ?? "", errors: FieldErrors())
    }

    static func save(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (note, _, peer) = try await RecordDoor.conversation(request, for: .documentBilling).triple
        let (standard, signOff) = try await standard(request, note)
        let fields = (try? request.content.decode([String: String].self)) ?? [:]
        var entries: [String: String] = [:]
        for element in standard.entryElements {
            entries[element.key] = (fields[element.key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let sign = fields["sign"] == "on"
        let credential = (fields["credential"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let errors = standard.validate(entries: entries, sign: sign, credential: credential)
        let existing = try await BillingQueries.record(for: note, on: request.db)
        guard errors.isEmpty else {
            return BillingViews.form(
                request.viewer, note: note, peer: peer,
                status: BillingStatus(standard: standard, record: existing, note: note, signOffRequired: signOff), entries: entries,
                sign: sign, credential: credential, errors: errors, status: .unprocessableEntity)
        }
        let record = try existing ?? BillingRecord(note: note, by: actor.accountID, at: request.now)
        record.entries = entries
        record.credential = credential
        record.signedBy = sign ? actor.accountID : nil
        record.signedAt = sign ? request.now : nil
        // A changed record is a different record: any earlier sign-off no longer stands.
        record.signedOffBy = nil
        record.signedOffAt = nil
        // Signed again, it goes back to the supervisor; what they asked stays until then.
        if sign {
            record.returnedBy = nil
            record.returnedAt = nil
            record.returnReason = nil
        }
        record.updatedBy = actor.accountID
        record.updatedAt = request.now
        try await request.db.transaction { db in
            try await record.save(on: db)
            try await request.audit(on: db).record(
                request, action: Action.documentBilling.rawValue, target: "conversation", targetID: note.id?.uuidString, outcome: .success,
                detail: sign ? "signed" : "saved unsigned")
        }
        return request.redirect(to: AppURL.conversation(try note.requireID()).path + "?done=billing", redirectType: .normal)
    }

    static func review(_ request: Request) async throws -> Response {
        let (note, record, status) = try await loadForSupervisor(request)
        try await request.audit.record(
            request, action: Action.signOffBilling.rawValue, target: "conversation", targetID: note.id?.uuidString, outcome: .success,
            detail: "read")
        let names = try await AccountQueries.names(
            of: [note.writtenBy] + (record?.signedOffBy.map { [$0] } ?? []), in: note.organisationID, on: request.db)
        return BillingViews.review(request.viewer, note: note, record: record, status: status, names: names, error: nil)
    }

    static func signOff(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (note, record, status) = try await loadForSupervisor(request)
        guard let record, status.awaitsSignOff, record.signedBy != nil else {
            let names = try await AccountQueries.names(of: [note.writtenBy], in: note.organisationID, on: request.db)
            return BillingViews.review(
                request.viewer, note: note, record: record, status: status, names: names,
                error: status.isSignedOff
                    ? "This record is already signed off." : "This record isn't complete yet, so it can't be signed off. \(status.summary)",
                status: .conflict)
        }
        guard try await stillAsSeen(request, record) else { return try await changedMeanwhile(request, note, record, status) }
        let now = request.now
        let recordID = try record.requireID()
        let signed = record.signedAt
        let done: Bool = try await request.db.transaction { db in
            // Signed off only as the supervisor saw it: still signed at the same moment, not yet
            // signed off or sent back by a second tab. Within a millisecond, because SQLite hands a
            // stored time back rounded to the microsecond, so an exact comparison never matches.
            guard
                try await (db as! any SQLDatabase).raw(
                    """
                    UPDATE billing_records SET signed_off_by = \(bind: actor.accountID), signed_off_at = \(bind: now)
                    WHERE id = \(bind: recordID) AND signed_off_at IS NULL AND signed_by IS NOT NULL AND signed_at > \(bind: signed?.addingTimeInterval(-0.001)) AND signed_at < \(bind: signed?.addingTimeInterval(0.001))
                    RETURNING id
                    """
                ).first() != nil
            else { return false }
            try await request.audit(on: db).record(
                request, action: Action.signOffBilling.rawValue, target: "conversation", targetID: note.id?.uuidString, outcome: .success,
                detail: "signed off")
            return true
        }
        guard done else { return try await changedMeanwhile(request, note, record, status) }
        return request.redirect(to: AppURL.supervision.path + "?done=signedOff", redirectType: .normal)
    }

    /// The review form carries when the record it showed was signed; a record signed again since
    /// (changed by its worker) is shown afresh rather than signed off or sent back unseen.
    static func stillAsSeen(_ request: Request, _ record: BillingRecord) async throws -> Bool {
        struct Seen: Content { var signed: String? }
        let seen = (try? request.content.decode(Seen.self))?.signed
        return seen == nil || seen == record.signedAt.map { String(Int($0.timeIntervalSince1970)) }
    }

    static func changedMeanwhile(_ request: Request, _ note: Conversation, _ record: BillingRecord, _ status: BillingStatus)
        async throws -> Response
    {
        let names = try await AccountQueries.names(of: [note.writtenBy], in: note.organisationID, on: request.db)
        return BillingViews.review(
            request.viewer, note: note, record: record, status: status, names: names,
            error: "The record changed while you had it open, or was already decided in another tab. Here it is as it stands now.",
            status: .conflict)
    }

    struct SendBackForm: Content {
        var reason: String?
    }

    /// The supervisor sends a signed record back to its worker with a reason, instead of signing
    /// it off: the worker is told in their inbox, changes it and signs again.
    static func sendBack(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (note, record, status) = try await loadForSupervisor(request)
        let names = try await AccountQueries.names(of: [note.writtenBy], in: note.organisationID, on: request.db)
        guard let record, status.awaitsSignOff, record.signedBy != nil else {
            return BillingViews.review(
                request.viewer, note: note, record: record, status: status, names: names,
                error: status.isSignedOff ? "This record is already signed off." : "Only a signed record waiting for you can be sent back.",
                status: .conflict)
        }
        let form = (try? request.content.decode(SendBackForm.self)) ?? SendBackForm()
        switch PlanText.parse(form.reason, field: "reason", empty: "Say what needs changing, so they know what to do.", limit: 500) {
        case .failure(let errors):
            return BillingViews.review(
                request.viewer, note: note, record: record, status: status, names: names, error: nil, reason: form.reason ?? "",
                reasonError: errors["reason"], status: .unprocessableEntity)
        case .success(let reason):
            guard try await stillAsSeen(request, record) else { return try await changedMeanwhile(request, note, record, status) }
            let noteID = try note.requireID()
            let recordID = try record.requireID()
            let signed = record.signedAt
            let now = request.now
            let done: Bool = try await request.db.transaction { db in
                guard
                    try await (db as! any SQLDatabase).raw(
                        """
                        UPDATE billing_records SET signed_by = NULL, signed_at = NULL, returned_by = \(bind: actor.accountID),
                            returned_at = \(bind: now), return_reason = \(SQLBind.sealed(reason))
                        WHERE id = \(bind: recordID) AND signed_off_at IS NULL AND signed_by IS NOT NULL AND signed_at > \(bind: signed?.addingTimeInterval(-0.001)) AND signed_at < \(bind: signed?.addingTimeInterval(0.001))
                        RETURNING id
                        """
                    ).first() != nil
                else { return false }
                try await request.audit(on: db).record(
                    request, action: Action.signOffBilling.rawValue, target: "conversation", targetID: noteID.uuidString,
                    outcome: .success, detail: "sent back to the worker")
                try await InboxNotification(
                    organisationID: note.organisationID, to: note.writtenBy, kind: .billingReturned,
                    message:
                        "\(request.signedIn?.displayName ?? "Your supervisor") sent a billing record back to you, saying what needs changing.",
                    link: .billing(noteID), at: request.now
                ).create(on: db)
                return true
            }
            guard done else { return try await changedMeanwhile(request, note, record, status) }
            return request.redirect(to: AppURL.supervision.path + "?done=sentBack", redirectType: .normal)
        }
    }

    private static func standard(_ request: Request, _ note: Conversation) async throws -> (DocumentationStandard, signOff: Bool) {
        guard
            let found = try await BillingQueries.standard(
                for: note.organisationID, in: request.application.documentationStandards, on: request.db)
        else {
            throw PageError(
                status: .notFound, title: "No billing records here",
                message: "This service doesn't keep billing records. A coordinator can switch them on in the service settings.")
        }
        return found
    }

    /// A billing record for the supervisor of the worker who wrote the note; anything else is a 404.
    private static func loadForSupervisor(_ request: Request) async throws -> (Conversation, BillingRecord?, BillingStatus) {
        // The billing layer is the writer's, wherever the relationship has gone since.
        let note = try await RecordDoor.conversation(request, for: .signOffBilling, category: .billingRecord, worker: { $0.writtenBy })
            .conversation
        let (standard, signOff) = try await standard(request, note)
        let record = try await BillingQueries.record(for: note, on: request.db)
        return (note, record, BillingStatus(standard: standard, record: record, note: note, signOffRequired: signOff))
    }
}
