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
    /// The service's local crisis lines, printed on every safety plan. Empty until a coordinator sets them.
    @Field(key: "crisis_lines") var crisisLines: String
    /// What the service does in imminent danger; empty means the default wording.
    @Field(key: "danger_policy") var dangerPolicy: String
    /// Where the service is, as an IANA name: every time is typed and shown in it unless a person chooses their own.
    @Field(key: "time_zone") var timeZone: String
    /// Staff must sign in with a second factor as well as their password.
    @Field(key: "require_second_factor") var requireSecondFactor: Bool
    /// How long a break-glass opening lasts, and how soon a coordinator must review it.
    @Field(key: "break_glass_minutes") var breakGlassMinutes: Int
    @Field(key: "break_glass_review_days") var breakGlassReviewDays: Int
    /// Years the service must keep a peer's records after their last relationship ends; 0 keeps nothing once asked.
    @Field(key: "retention_years") var retentionYears: Int

    var dangerPolicyText: String { dangerPolicy.isEmpty ? SafetySettings.defaultDangerPolicy : dangerPolicy }

    init() {}

    init(id: UUID? = nil, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        quietDays = GentleFlag.defaultQuietDays
        supervisorSignOff = false
        crisisLines = ""
        dangerPolicy = ""
        timeZone = "UTC"
        requireSecondFactor = false
        breakGlassMinutes = 60
        breakGlassReviewDays = 7
        retentionYears = 0
    }
}
