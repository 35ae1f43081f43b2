import Foundation

/// How a conversation happened.
public enum ConversationMode: String, CaseIterable, Sendable {
    case inPerson = "in_person"
    case phone
    case video
    case textMessages = "text_messages"
    case group
    case outreach

    public var displayName: String {
        switch self {
        case .inPerson: "In person"
        case .phone: "Phone"
        case .video: "Video"
        case .textMessages: "Text messages"
        case .group: "Group"
        case .outreach: "Outreach"
        }
    }
}

/// The four tasks of Intentional Peer Support, each with a one-line prompt for a reflection.
public enum IPSTask: String, CaseIterable, Sendable {
    case connection
    case worldview
    case mutuality
    case movingTowards

    public var displayName: String {
        switch self {
        case .connection: "Connection"
        case .worldview: "Worldview"
        case .mutuality: "Mutuality"
        case .movingTowards: "Moving towards"
        }
    }

    public var prompt: String {
        switch self {
        case .connection: "When did we feel connected, or lose it and find it again?"
        case .worldview: "What did I learn about how they make sense of things, and how I do?"
        case .mutuality: "What did we each give and take? Did both our needs count?"
        case .movingTowards: "What do they want to move towards, and what's a next step?"
        }
    }
}

/// A conversation note as submitted, checked before anything is stored.
public struct ConversationDraft: Sendable, Equatable {
    public static let noteLimit = 4_000
    public static let reflectionLimit = 1_000
    public static let placeLimit = 200
    public static let maxMinutes = 12 * 60

    public var occurredAt: Date
    public var minutes: Int
    public var mode: ConversationMode
    public var place: String
    public var reachedOut: Initiator
    public var sharedNote: String
    public var privateReflection: String
    public var forSupervision: Bool
    public var reflections: [IPSTask: String]
    public var livedExperience: String

    public init(
        occurredAt: Date, minutes: Int, mode: ConversationMode, place: String, reachedOut: Initiator, sharedNote: String,
        privateReflection: String, forSupervision: Bool, reflections: [IPSTask: String], livedExperience: String
    ) {
        self.occurredAt = occurredAt
        self.minutes = minutes
        self.mode = mode
        self.place = place
        self.reachedOut = reachedOut
        self.sharedNote = sharedNote
        self.privateReflection = privateReflection
        self.forSupervision = forSupervision
        self.reflections = reflections
        self.livedExperience = livedExperience
    }

    /// Field names as the form uses them, for messages and for keeping what was typed.
    public struct Raw: Sendable {
        public var occurredAt: String?
        public var minutes: String?
        public var mode: String?
        public var place: String?
        public var reachedOut: String?
        public var sharedNote: String?
        public var privateReflection: String?
        public var forSupervision: Bool
        public var reflections: [IPSTask: String]
        public var livedExperience: String?

        public init(
            occurredAt: String?, minutes: String?, mode: String?, place: String?, reachedOut: String?, sharedNote: String?,
            privateReflection: String?, forSupervision: Bool, reflections: [IPSTask: String], livedExperience: String?
        ) {
            self.occurredAt = occurredAt
            self.minutes = minutes
            self.mode = mode
            self.place = place
            self.reachedOut = reachedOut
            self.sharedNote = sharedNote
            self.privateReflection = privateReflection
            self.forSupervision = forSupervision
            self.reflections = reflections
            self.livedExperience = livedExperience
        }
    }

    /// - Parameters:
    ///   - relationshipBegan: a conversation can't come before the relationship did
    ///   - now: nor can it be in the future
    public static func parse(_ raw: Raw, relationshipBegan: Date, now: Date) -> Result<ConversationDraft, FieldErrors> {
        var errors = FieldErrors()
        let when = LocalTime.read(
            raw.occurredAt, field: "occurredAt", unreadable: "Enter the date and time of the conversation.", into: &errors)
        if let when, when > now.addingTimeInterval(5 * 60) {
            errors.add("occurredAt", "That's in the future. Notes are for conversations that have happened.")
        } else if let when, when < relationshipBegan.addingTimeInterval(-86_400) {
            errors.add("occurredAt", "That's before this relationship began (\(DateOnly.text(relationshipBegan))).")
        }
        let minutes = raw.minutes.flatMap { Int($0.trimmingWhitespace()) }
        if minutes == nil {
            errors.add("minutes", "Enter how long it lasted, in minutes.")
        } else if let minutes, minutes <= 0 {
            errors.add("minutes", "A conversation lasts at least a minute.")
        } else if let minutes, minutes > maxMinutes {
            errors.add("minutes", "That's over 12 hours. For a long day together, note each conversation separately.")
        }
        let mode = raw.mode.flatMap(ConversationMode.init(rawValue:))
        if mode == nil { errors.add("mode", "Choose how you talked.") }
        let reachedOut = raw.reachedOut.flatMap(Initiator.init(rawValue:))
        if reachedOut == nil { errors.add("reachedOut", "Say who reached out.") }
        let place = (raw.place ?? "").trimmingWhitespace()
        if place.count > placeLimit { errors.add("place", "Keep this to \(placeLimit) characters or fewer (it has \(place.count)).") }
        let note = (raw.sharedNote ?? "").trimmingWhitespace()
        if note.count > noteLimit {
            errors.add("sharedNote", "Keep the shared note to \(noteLimit) characters or fewer (it has \(note.count)).")
        }
        let reflection = (raw.privateReflection ?? "").trimmingWhitespace()
        if reflection.count > noteLimit {
            errors.add("privateReflection", "Keep this to \(noteLimit) characters or fewer (it has \(reflection.count)).")
        }
        var reflections: [IPSTask: String] = [:]
        for task in IPSTask.allCases {
            let text = (raw.reflections[task] ?? "").trimmingWhitespace()
            if text.count > reflectionLimit {
                errors.add(task.rawValue, "Keep this to \(reflectionLimit) characters or fewer (it has \(text.count)).")
            }
            if !text.isEmpty { reflections[task] = text }
        }
        let lived = (raw.livedExperience ?? "").trimmingWhitespace()
        if lived.count > reflectionLimit {
            errors.add("livedExperience", "Keep this to \(reflectionLimit) characters or fewer (it has \(lived.count)).")
        }
        guard errors.isEmpty, let when, let minutes, let mode, let reachedOut else { return .failure(errors) }
        return .success(
            ConversationDraft(
                occurredAt: when, minutes: minutes, mode: mode, place: place, reachedOut: reachedOut, sharedNote: note,
                privateReflection: reflection, forSupervision: raw.forSupervision && !reflection.isEmpty, reflections: reflections,
                livedExperience: lived))
    }

}

/// The local calendar date of an instant, as a date field shows it.
enum DateOnly {
    static func text(_ date: Date) -> String { LocalClock.zone.civil(date).dateText }
}
