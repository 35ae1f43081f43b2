import Foundation

/// A consent as typed into the form, checked before anything is stored.
public struct ConsentDraft: Sendable, Equatable {
    public let audience: ConsentAudience
    public let granteeID: UUID?
    public let categories: Set<InformationCategory>
    public let purpose: String
    public let startsAt: Date
    public let endsAt: Date?
    public let method: ConsentMethod
}

public enum ConsentForm {
    public static let purposeLimit = 300

    public struct Raw: Sendable {
        public var audience: String?
        public var clinician: String?
        public var categories: [String]
        public var purpose: String?
        public var from: String?
        public var until: String?
        public var method: String?

        public init(
            audience: String?, clinician: String?, categories: [String], purpose: String?, from: String?, until: String?,
            method: String?
        ) {
            self.audience = audience
            self.clinician = clinician
            self.categories = categories
            self.purpose = purpose
            self.from = from
            self.until = until
            self.method = method
        }
    }

    /// - Parameters:
    ///   - clinicians: the partner clinicians of this organisation, by account: no other grantee exists.
    ///   - methods: how this person may say it was given (a peer in the portal says "in the portal").
    ///   - now: days are read in the request's zone; a consent starts no earlier than today.
    public static func parse(
        _ raw: Raw, clinicians: Set<UUID>, methods: [ConsentMethod], now: Date, zone: ZoneRules = LocalClock.zone
    ) -> Result<ConsentDraft, FieldErrors> {
        var errors = FieldErrors()
        let audience = ConsentAudience(rawValue: raw.audience ?? "")
        if audience == nil || audience == .evaluator {
            errors.add("audience", "Choose who can read it.")
        }
        var granteeID: UUID?
        if audience == .clinician {
            if let id = UUID(uuidString: raw.clinician ?? ""), clinicians.contains(id) {
                granteeID = id
            } else {
                errors.add(
                    "clinician", "Choose a partner clinician from the list. If the one you mean isn't there, ask the service to add them.")
            }
        }
        var categories = Set<InformationCategory>()
        for value in raw.categories {
            guard let category = InformationCategory(rawValue: value), InformationCategory.shareable.contains(category) else {
                errors.add("categories", "One of the choices isn't something that can be shared here. Choose from the list.")
                continue
            }
            categories.insert(category)
        }
        if raw.categories.isEmpty { errors.add("categories", "Choose at least one part of the record to share.") }
        let purpose = PlanText.clean(raw.purpose)
        if purpose.isEmpty {
            errors.add("purpose", "Say what it's for, in a few words, such as “so my GP knows my plan in a crisis”.")
        } else if let problem = PlanText.tooLong(purpose, limit: purposeLimit) {
            errors.add("purpose", problem)
        }
        let today = zone.dayNumber(now)
        var startDay = today
        let fromText = (raw.from ?? "").trimmingWhitespace()
        if !fromText.isEmpty {
            if let day = PlanDate.parse(fromText).map({ Int($0.timeIntervalSince1970 / 86_400) }) {
                if day < today {
                    errors.add("from", "A consent can't start in the past. Choose today or a later date, or leave it empty for today.")
                } else {
                    startDay = day
                }
            } else {
                errors.add("from", "Enter a date like 2026-12-31, or leave it empty to start today.")
            }
        }
        var endsAt: Date?
        let untilText = (raw.until ?? "").trimmingWhitespace()
        if !untilText.isEmpty {
            if let day = PlanDate.parse(untilText).map({ Int($0.timeIntervalSince1970 / 86_400) }) {
                if day < startDay {
                    errors.add("until", "The last day is before the first. Choose a last day on or after the start.")
                } else if day > today + 3_653 {
                    errors.add("until", "Choose a last day within ten years, or leave it empty until you change your mind.")
                } else {
                    endsAt = zone.startOfDay(day + 1)
                }
            } else {
                errors.add("until", "Enter a date like 2026-12-31, or leave it empty until you change your mind.")
            }
        }
        // Only a form that offers a single way (the portal) fills it in: a worker says which.
        let method = ConsentMethod(rawValue: raw.method ?? (methods.count == 1 ? methods[0].rawValue : ""))
        if method == nil || !methods.contains(method!) {
            errors.add("method", "Choose how the peer gave this consent.")
        }
        guard errors.isEmpty, let audience, let method else { return .failure(errors) }
        let startsAt = startDay == today ? now : zone.startOfDay(startDay)
        return .success(
            ConsentDraft(
                audience: audience, granteeID: granteeID, categories: categories, purpose: purpose, startsAt: startsAt, endsAt: endsAt,
                method: method))
    }
}

/// Consents in plain words: "Dr Lee at Riverside Clinic can read your wellness and safety plan until 1 June 2027".
public enum ConsentWords {
    public static func sentence(_ provision: ConsentProvision, audienceName: String, zone: ZoneRules = LocalClock.zone) -> String {
        let what = list(InformationCategory.shareable.filter(provision.categories.contains).map(\.plainWords))
        let verb = provision.decision == .permit ? "can read" : "can't read"
        return "\(capitalised(audienceName)) \(verb) \(what)\(period(provision, zone: zone))."
    }

    /// " until 1 June 2027", " from 3 March 2027 until …", or nothing when open-ended and started.
    public static func period(_ provision: ConsentProvision, zone: ZoneRules = LocalClock.zone) -> String {
        var text = ""
        if provision.startsAt > provision.recordedAt.addingTimeInterval(60) {
            text += " from \(zone.civil(provision.startsAt).plainDayText)"
        }
        if let endsAt = provision.endsAt {
            text += " until \(zone.civil(endsAt.addingTimeInterval(-1)).plainDayText)"
        }
        return text
    }

    public static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    private static func capitalised(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }
}
