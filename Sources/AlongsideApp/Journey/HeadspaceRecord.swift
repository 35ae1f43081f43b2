import AlongsideDomain
import Fluent
import Foundation

/// When the peer gave permission to enter their headspace. Written once, never changed.
final class HeadspaceRecord: Model, @unchecked Sendable {
    static let schema = "headspace_permissions"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "relationship_id") var relationshipID: UUID
    @Field(key: "given_at") var givenAt: Date
    @Sealed(key: "in_their_words") var inTheirWords: String
    @Field(key: "recorded_by") var recordedBy: UUID
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    init(relationship: Relationship, permission: HeadspacePermission, by: UUID, at: Date) throws {
        organisationID = relationship.organisationID
        relationshipID = try relationship.requireID()
        givenAt = permission.givenAt
        inTheirWords = permission.inTheirWords
        recordedBy = by
        recordedAt = at
    }

    static func of(_ relationship: Relationship, on database: any Database) async throws -> HeadspaceRecord? {
        try await database.model(
            HeadspaceRecord.self,
            """
            SELECT * FROM headspace_permissions WHERE relationship_id = \(bind: try relationship.requireID())
            AND organisation_id = \(bind: relationship.organisationID) LIMIT 1
            """)
    }
}
