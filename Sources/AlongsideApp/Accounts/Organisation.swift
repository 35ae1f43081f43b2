import Fluent
import Foundation

final class Organisation: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID? = nil, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}
