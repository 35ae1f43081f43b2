import Foundation

/// Moving towards: the peer's picture of where they want to be, the steps towards it and what
/// both of them learn on the way. Steps are theirs to take, not tasks for a manager: there is
/// no "overdue" here and nothing counts completion.
public enum StepTaker: String, CaseIterable, Sendable {
    case peer
    case worker
    case both
    case someoneElse = "someone"

    public var displayName: String {
        switch self {
        case .peer: "The peer"
        case .worker: "The peer worker"
        case .both: "Both of us"
        case .someoneElse: "Someone else"
        }
    }

    /// How the peer reads it on their own pages.
    public var forThePeer: String {
        switch self {
        case .peer: "Me"
        case .worker: "My peer worker"
        case .both: "Both of us"
        case .someoneElse: "Someone else"
        }
    }
}

/// Where a step stands, in the words of someone taking it: setting a step aside is a choice,
/// not a failure.
public enum StepState: String, CaseIterable, Sendable {
    case thinking
    case underway
    case done
    case setAside = "set-aside"

    public var displayName: String {
        switch self {
        case .thinking: "Thinking about it"
        case .underway: "Under way"
        case .done: "Done"
        case .setAside: "Set aside for now"
        }
    }
}

public struct TowardsStepDraft: Sendable, Equatable {
    public let text: String
    public let taker: StepTaker
    /// Who the "someone else" is, in the peer's words.
    public let someone: String
    public let byWhen: Date?
    public let state: StepState

    public init(text: String, taker: StepTaker, someone: String, byWhen: Date?, state: StepState) {
        self.text = text
        self.taker = taker
        self.someone = someone
        self.byWhen = byWhen
        self.state = state
    }

    public struct Raw: Sendable {
        public var text: String?
        public var taker: String?
        public var someone: String?
        public var byWhen: String?
        public var state: String?

        public init(text: String? = nil, taker: String? = nil, someone: String? = nil, byWhen: String? = nil, state: String? = nil) {
            self.text = text
            self.taker = taker
            self.someone = someone
            self.byWhen = byWhen
            self.state = state
        }
    }

    /// - Parameter planBegan: a step can't be due before the plan existed.
    public static func parse(_ raw: Raw, planBegan: Date) -> Result<Self, FieldErrors> {
        var errors = FieldErrors()
        let text = PlanText.clean(raw.text)
        if text.isEmpty {
            errors.add("stepText", "Say what the step is, in a few words.")
        } else if let problem = PlanText.tooLong(text, limit: PlanText.stepLimit) {
            errors.add("stepText", problem)
        }
        let taker = StepTaker(rawValue: raw.taker ?? "")
        if taker == nil { errors.add("stepTaker", "Choose who takes this step.") }
        let someone = PlanText.clean(raw.someone)
        if taker == .someoneElse, someone.isEmpty {
            errors.add("stepSomeone", "Say who the someone else is, such as “my sister” or “the housing team”.")
        } else if let problem = PlanText.tooLong(someone, limit: PlanText.nameLimit) {
            errors.add("stepSomeone", problem)
        }
        var byWhen: Date?
        let dateText = (raw.byWhen ?? "").trimmingWhitespace()
        if !dateText.isEmpty {
            if let day = PlanDate.parse(dateText) {
                if day < PlanDate.startOfDay(planBegan) {
                    errors.add(
                        "stepByWhen",
                        "That's before this plan began (\(PlanDate.text(PlanDate.startOfDay(planBegan)))). Choose a later date, or leave it empty."
                    )
                } else {
                    byWhen = day
                }
            } else {
                errors.add("stepByWhen", "Enter a date like 2026-12-31, or leave it empty: a date is optional.")
            }
        }
        let state = StepState(rawValue: raw.state ?? StepState.thinking.rawValue)
        if state == nil { errors.add("stepState", "Choose where this step stands.") }
        guard errors.isEmpty, let taker, let state else { return .failure(errors) }
        return .success(
            TowardsStepDraft(text: text, taker: taker, someone: taker == .someoneElse ? someone : "", byWhen: byWhen, state: state))
    }
}

/// Text limits for plans, and the cleaning every plan field shares. Markup is kept as typed and
/// always shown escaped, so a phone number or a pasted script stays just text.
public enum PlanText {
    public static let visionLimit = 2_000
    public static let stepLimit = 300
    public static let nameLimit = 100
    public static let learningLimit = 1_000
    public static let reviewLimit = 1_000

    public static func clean(_ raw: String?) -> String {
        (raw ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static func tooLong(_ text: String, limit: Int) -> String? {
        text.count > limit ? "Keep this to \(limit) characters or fewer (it has \(text.count))." : nil
    }

    /// A required piece of writing: what to say when it's empty, and the limit.
    public static func parse(_ raw: String?, field: String, empty: String, limit: Int) -> Result<String, FieldErrors> {
        let text = clean(raw)
        if text.isEmpty { return .failure(FieldErrors(field: field, empty)) }
        if let problem = tooLong(text, limit: limit) { return .failure(FieldErrors(field: field, problem)) }
        return .success(text)
    }
}

/// Calendar days as a browser's date field sends them (`2026-12-31`). A day is the same day
/// wherever it is read (a "talk again on Tuesday" is Tuesday in any zone), so it is kept as that
/// date's midnight in UTC and shown without conversion.
public enum PlanDate {
    public static func parse(_ text: String) -> Date? {
        CivilTime.parse(text.trimmingWhitespace() + "T00:00")
    }

    public static func text(_ day: Date) -> String { CivilTime(day).dateText }

    /// The local calendar day an instant falls on, as a plan date: "today" is `startOfDay(now)`.
    public static func startOfDay(_ date: Date, zone: ZoneRules = LocalClock.zone) -> Date {
        Date(timeIntervalSince1970: TimeInterval(zone.dayNumber(date) * 86_400))
    }
}
