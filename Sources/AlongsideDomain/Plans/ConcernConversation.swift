import Foundation

/// A concern conversation is a shared agreement, not an assessment: what the worker noticed,
/// what the peer wants and what would help them feel safe, what each will do, and when they'll
/// talk again. The peer can read it.
public struct ConcernDraft: Sendable, Equatable {
    public static let textLimit = 1_500
    /// Talking again is soon: the agreement is about now.
    public static let talkAgainWithinDays = 60

    public let noticed: String
    public let peerWants: String
    public let peerWillDo: String
    public let workerWillDo: String
    public let talkAgainOn: Date

    public init(noticed: String, peerWants: String, peerWillDo: String, workerWillDo: String, talkAgainOn: Date) {
        self.noticed = noticed
        self.peerWants = peerWants
        self.peerWillDo = peerWillDo
        self.workerWillDo = workerWillDo
        self.talkAgainOn = talkAgainOn
    }

    public struct Raw: Sendable {
        public var noticed: String?
        public var peerWants: String?
        public var peerWillDo: String?
        public var workerWillDo: String?
        public var talkAgainOn: String?

        public init(
            noticed: String? = nil, peerWants: String? = nil, peerWillDo: String? = nil, workerWillDo: String? = nil,
            talkAgainOn: String? = nil
        ) {
            self.noticed = noticed
            self.peerWants = peerWants
            self.peerWillDo = peerWillDo
            self.workerWillDo = workerWillDo
            self.talkAgainOn = talkAgainOn
        }
    }

    public static func parse(_ raw: Raw, now: Date) -> Result<Self, FieldErrors> {
        var errors = FieldErrors()
        func text(_ value: String?, _ field: String) -> String {
            let cleaned = PlanText.clean(value)
            errors.check(field, PlanText.tooLong(cleaned, limit: textLimit))
            return cleaned
        }
        let noticed = text(raw.noticed, "noticed")
        if noticed.isEmpty { errors.add("noticed", "Say what you noticed that worried you, in plain words.") }
        let wants = text(raw.peerWants, "peerWants")
        let peerWill = text(raw.peerWillDo, "peerWillDo")
        let workerWill = text(raw.workerWillDo, "workerWillDo")
        if peerWill.isEmpty, workerWill.isEmpty {
            errors.add("workerWillDo", "Write what at least one of you agreed to do: this is an agreement between you.")
        }
        var talkAgain: Date?
        let dateText = (raw.talkAgainOn ?? "").trimmingWhitespace()
        if dateText.isEmpty {
            errors.add("talkAgainOn", "Say when you'll talk again.")
        } else if let day = PlanDate.parse(dateText) {
            let today = PlanDate.startOfDay(now)
            if day < today {
                errors.add("talkAgainOn", "That date has passed. Choose today or a day to come.")
            } else if day > today.addingTimeInterval(Double(talkAgainWithinDays) * 86_400) {
                errors.add("talkAgainOn", "Choose a day within \(talkAgainWithinDays) days: a concern is about now.")
            } else {
                talkAgain = day
            }
        } else {
            errors.add("talkAgainOn", "Enter a date like 2026-12-01.")
        }
        guard errors.isEmpty, let talkAgain else { return .failure(errors) }
        return .success(
            ConcernDraft(noticed: noticed, peerWants: wants, peerWillDo: peerWill, workerWillDo: workerWill, talkAgainOn: talkAgain))
    }
}

/// The rare case where the situation met the organisation's policy for imminent danger: who was
/// contacted, when and why. The worker's supervisor is told at once and a follow-up is due.
public struct EscalationDraft: Sendable, Equatable {
    public static let textLimit = 1_000
    /// The follow-up is due the day after the contact.
    public static let followUpWithin: TimeInterval = 24 * 3600

    public let contacted: String
    public let contactedAt: Date
    public let why: String

    public var followUpDue: Date { contactedAt.addingTimeInterval(Self.followUpWithin) }

    public init(contacted: String, contactedAt: Date, why: String) {
        self.contacted = contacted
        self.contactedAt = contactedAt
        self.why = why
    }

    public static func parse(met: Bool, contacted: String?, contactedAt: String?, why: String?, concernOpened: Date, now: Date)
        -> Result<Self, FieldErrors>
    {
        var errors = FieldErrors()
        if !met {
            errors.add("met", "Tick this only if the situation met the policy. If it didn't, no escalation is needed.")
        }
        let who = PlanText.clean(contacted)
        if who.isEmpty {
            errors.add("contacted", "Say who was contacted, such as “ambulance service” or “crisis team, duty worker”.")
        } else {
            errors.check("contacted", PlanText.tooLong(who, limit: textLimit))
        }
        let at = LocalTime.read(
            contactedAt, field: "contactedAt", unreadable: "Enter when they were contacted, as a date and time.", into: &errors)
        if let at, at > now.addingTimeInterval(5 * 60) {
            errors.add("contactedAt", "That's in the future. Record the contact once it has happened.")
        } else if let at, at < concernOpened.addingTimeInterval(-86_400) {
            errors.add("contactedAt", "That's before this concern conversation was recorded.")
        }
        let reason = PlanText.clean(why)
        if reason.isEmpty {
            errors.add("why", "Say why: what made this imminent danger.")
        } else {
            errors.check("why", PlanText.tooLong(reason, limit: textLimit))
        }
        guard errors.isEmpty, let at else { return .failure(errors) }
        return .success(EscalationDraft(contacted: who, contactedAt: at, why: reason))
    }
}

/// The service's own words for crisis lines and for what happens in imminent danger.
public enum SafetySettings {
    public static let crisisLinesLimit = 600
    public static let crisisLinesMaxLines = 6
    public static let dangerPolicyLimit = 2_000

    public static let defaultDangerPolicy =
        "If someone's life is in danger right now, call the emergency services first. Then tell your supervisor as soon as you can, and record who you contacted, when and why. Stay with the person if it's safe to, and keep them part of every decision you can."

    public static func parse(crisisLines: String?, dangerPolicy: String?) -> Result<
        (crisisLines: String, dangerPolicy: String), FieldErrors
    > {
        var errors = FieldErrors()
        let lines = PlanText.clean(crisisLines)
        let lineCount = lines.isEmpty ? 0 : lines.split(separator: "\n", omittingEmptySubsequences: false).count
        if lines.count > crisisLinesLimit {
            errors.add("crisisLines", "Keep this to \(crisisLinesLimit) characters (it has \(lines.count)): it is printed on every plan.")
        } else if lineCount > crisisLinesMaxLines {
            errors.add("crisisLines", "Keep this to \(crisisLinesMaxLines) lines (it has \(lineCount)): it is printed on every plan.")
        }
        let policy = PlanText.clean(dangerPolicy)
        if policy.isEmpty {
            errors.add("dangerPolicy", "Write the policy for imminent danger: workers see it beside every concern conversation.")
        } else {
            errors.check("dangerPolicy", PlanText.tooLong(policy, limit: dangerPolicyLimit))
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success((lines, policy))
    }
}
