/// A referral as a partner clinician types it: who, how to reach them, and why peer support.
public struct ReferralDraft: Sendable, Equatable {
    public let name: String
    public let howToReach: String
    public let reason: String
}

public enum ReferralForm {
    public static let reasonLimit = 2_000

    public static func parse(name: String?, howToReach: String?, reason: String?) -> Result<ReferralDraft, FieldErrors> {
        var errors = FieldErrors()
        let name = PlanText.clean(name)
        if name.isEmpty {
            errors.add("name", "Give the name the person goes by.")
        } else if let problem = PlanText.tooLong(name, limit: PlanText.nameLimit) {
            errors.add("name", problem)
        }
        let reach = PlanText.clean(howToReach)
        if reach.isEmpty {
            errors.add("howToReach", "Say how the service can reach them, such as a phone number they're happy to be called on.")
        } else if let problem = PlanText.tooLong(reach, limit: 300) {
            errors.add("howToReach", problem)
        }
        let reason = PlanText.clean(reason)
        if reason.isEmpty {
            errors.add("reason", "Say why peer support, and what the person would like from it, in a few words.")
        } else if let problem = PlanText.tooLong(reason, limit: reasonLimit) {
            errors.add("reason", problem)
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(ReferralDraft(name: name, howToReach: reach, reason: reason))
    }

    /// A decline goes back to the clinician with its reason: there must be one.
    public static func declineReason(_ raw: String?) -> Result<String, FieldErrors> {
        PlanText.parse(
            raw, field: "declineReason", empty: "Say why, so the clinician can find the person other support.", limit: 1_000)
    }
}
