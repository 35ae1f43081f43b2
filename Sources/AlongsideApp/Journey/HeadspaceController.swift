import AlongsideDomain
import Fluent
import Vapor

/// Recording the moment a peer gave permission to enter their headspace.
enum HeadspaceController {
    struct Form: Content {
        var headspaceAt: String?
        var headspaceWords: String?
    }

    static func record(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let (relationship, peer) = try await RecordDoor.relationship(request, for: .recordHeadspace).pair
        let form = (try? request.content.decode(Form.self)) ?? Form()
        var errors = FieldErrors()
        var parsed: HeadspacePermission?
        switch HeadspacePermission.parse(
            when: form.headspaceAt, words: form.headspaceWords, relationshipBegan: relationship.startedAt, now: request.now)
        {
        case .failure(let problems): errors.merge(problems)
        case .success(let permission): parsed = permission
        }
        if try await HeadspaceRecord.of(relationship, on: request.db) != nil {
            errors.add("headspaceAt", "This moment is already recorded for this relationship.")
        }
        guard errors.isEmpty, let permission = parsed else {
            return try await RelationshipController.page(
                request, relationship, peer, headspaceForm: form, errors: errors, status: .unprocessableEntity)
        }
        let record = try HeadspaceRecord(relationship: relationship, permission: permission, by: actor.accountID, at: request.now)
        do {
            try await request.db.transaction { db in
                try await record.create(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.recordHeadspace.rawValue, target: "relationship", targetID: relationship.id?.uuidString,
                    outcome: .success)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            errors.add("headspaceAt", "This moment is already recorded for this relationship.")
            return try await RelationshipController.page(
                request, relationship, peer, headspaceForm: form, errors: errors, status: .conflict)
        }
        return request.redirect(to: AppURL.relationship(try relationship.requireID()).path + "?headspace=1", redirectType: .normal)
    }
}
