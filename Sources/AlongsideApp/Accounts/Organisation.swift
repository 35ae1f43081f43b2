import AlongsideDomain
import Fluent
import Foundation

final class Organisation: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "created_at") var createdAt: Date
    /// Days without a noted conversation before a relationship is gently flagged as quiet.
    @Field(key: "quiet_days") var quietDays: Int
    /// The required-elements set notes must meet for billing, if the service bills for them.
    @OptionalField(key: "documentation_standard") var documentationStandard: String?
    @Field(key: "supervisor_sign_off") var supervisorSignOff: Bool

    init() {}

    init(id: UUID? = nil, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        quietDays = GentleFlag.defaultQuietDays
        supervisorSignOff = false
    }
}
