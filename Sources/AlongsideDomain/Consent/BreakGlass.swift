import Foundation

/// Why someone opened a peer's record beyond consent, from a short list, with their own words.
public enum BreakGlassReason: String, Sendable, CaseIterable {
    case immediateRisk = "immediate-risk"
    case peerAskedCannotConsent = "peer-asked"
    case workerUnreachable = "worker-unreachable"
    case other

    public var plainWords: String {
        switch self {
        case .immediateRisk: "someone may be at immediate risk"
        case .peerAskedCannotConsent: "the peer asked for help and can't give consent now"
        case .workerUnreachable: "their peer worker can't be reached and it can't wait"
        case .other: "another emergency"
        }
    }
}

public struct BreakGlassDraft: Sendable, Equatable {
    public let reason: BreakGlassReason
    public let words: String
}

public enum BreakGlassForm {
    public static let wordsLimit = 1_000

    public static func parse(reason: String?, words: String?) -> Result<BreakGlassDraft, FieldErrors> {
        var errors = FieldErrors()
        let reason = BreakGlassReason(rawValue: reason ?? "")
        if reason == nil { errors.add("reason", "Choose why this can't wait for the peer's consent.") }
        let words = PlanText.clean(words)
        if words.count < 10 {
            errors.add("words", "Say what is happening, in a sentence: a coordinator reviews every emergency opening.")
        } else if let problem = PlanText.tooLong(words, limit: wordsLimit) {
            errors.add("words", problem)
        }
        guard errors.isEmpty, let reason else { return .failure(errors) }
        return .success(BreakGlassDraft(reason: reason, words: words))
    }

    public static let minutesRange = 5...60
    public static let reviewDaysRange = 1...30

    /// How long an opening lasts (never longer than an hour) and how soon it must be reviewed.
    public static func settings(minutes: String?, reviewDays: String?) -> Result<(Int, Int), FieldErrors> {
        var errors = FieldErrors()
        let minutes = Int((minutes ?? "").trimmingWhitespace())
        if minutes == nil || !minutesRange.contains(minutes!) {
            errors.add("breakGlassMinutes", "Enter a number of minutes from \(minutesRange.lowerBound) to \(minutesRange.upperBound).")
        }
        let days = Int((reviewDays ?? "").trimmingWhitespace())
        if days == nil || !reviewDaysRange.contains(days!) {
            errors.add(
                "breakGlassReviewDays", "Enter a number of days from \(reviewDaysRange.lowerBound) to \(reviewDaysRange.upperBound).")
        }
        guard errors.isEmpty, let minutes, let days else { return .failure(errors) }
        return .success((minutes, days))
    }

    /// A coordinator's review: justified, or raised for follow-up, with a note either way.
    public enum Outcome: String, Sendable, CaseIterable {
        case justified
        case raised

        public var plainWords: String {
            switch self {
            case .justified: "Justified"
            case .raised: "Raised for follow-up"
            }
        }
    }

    public static func review(outcome: String?, note: String?) -> Result<(Outcome, String), FieldErrors> {
        var errors = FieldErrors()
        let outcome = Outcome(rawValue: outcome ?? "")
        if outcome == nil { errors.add("outcome", "Choose whether it was justified, or raise it.") }
        let note = PlanText.clean(note)
        if note.isEmpty {
            errors.add("note", "Say what you found, in a sentence.")
        } else if let problem = PlanText.tooLong(note, limit: wordsLimit) {
            errors.add("note", problem)
        }
        guard errors.isEmpty, let outcome else { return .failure(errors) }
        return .success((outcome, note))
    }
}
