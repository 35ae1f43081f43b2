/// The messages Alongside sends outside the app. None ever holds what was written in a record or
/// a peer's name: each says that something is waiting for the person, and links to it, so a
/// message read over someone's shoulder, or kept by a mail provider, tells nothing.
public enum MailKind: String, CaseIterable, Sendable {
    case escalation
    case followUpDue = "follow-up-due"
    case correctionAnswered = "correction-answered"
    case invite
    case passwordReset = "password-reset"

    /// Whether a person may turn it off. An invite goes to someone without an account yet, and a
    /// password reset only to someone who just asked for it.
    public var isOptional: Bool {
        switch self {
        case .escalation, .followUpDue, .correctionAnswered: true
        case .invite, .passwordReset: false
        }
    }

    /// How the choice reads in a person's preferences.
    public var choiceLabel: String {
        switch self {
        case .escalation: "When a peer worker you support escalates a concern"
        case .followUpDue: "When an escalated concern of yours is coming due for a follow-up"
        case .correctionAnswered: "When your peer worker answers a change you asked for in a note"
        case .invite: "Invitations"
        case .passwordReset: "Password resets you ask for"
        }
    }

    public var subject: String {
        switch self {
        case .escalation: "Alongside: a concern has been escalated to you"
        case .followUpDue: "Alongside: a follow-up is coming due"
        case .correctionAnswered: "Alongside: your peer worker has answered you"
        case .invite: "Alongside: you're invited"
        case .passwordReset: "Alongside: choose a new password"
        }
    }

    /// The message's words around its link. `service` is the organisation's name.
    public func body(service: String, link: String, validFor: String? = nil) -> String {
        let lead: String
        switch self {
        case .escalation:
            lead = "A peer worker at \(service) has escalated a concern conversation, and it is waiting for you in Alongside."
        case .followUpDue:
            lead = "An escalated concern conversation of yours at \(service) is coming due for its follow-up."
        case .correctionAnswered:
            lead = "Your peer worker at \(service) has answered the change you asked for in one of your notes."
        case .invite:
            lead = "You're invited to join \(service) in Alongside. Open the link to choose your password."
        case .passwordReset:
            lead = "Someone (we hope you) asked to choose a new password for your Alongside account at \(service)."
        }
        var text = lead + "\n\n" + link + "\n"
        if let validFor { text += "\nThe link works once, for \(validFor).\n" }
        if self == .passwordReset { text += "\nIf it wasn't you, you can ignore this message: your password stays as it is.\n" }
        if isOptional { text += "\nYou can choose which messages you get in your preferences in Alongside.\n" }
        return text
    }

    /// Reads the stored list of messages a person has turned off; unknown or compulsory names are ignored.
    public static func turnedOff(_ stored: String?) -> Set<MailKind> {
        Set((stored ?? "").split(separator: ",").compactMap { MailKind(rawValue: String($0)) }.filter(\.isOptional))
    }

    public static func store(_ off: Set<MailKind>) -> String {
        off.filter(\.isOptional).map(\.rawValue).sorted().joined(separator: ",")
    }

    /// How long to wait before trying a message again after its `attempts`-th failure: doubling
    /// from 30 seconds, at most an hour.
    public static func retryDelay(afterAttempt attempts: Int) -> Double {
        min(3_600, 30 * Double(1 << min(max(attempts - 1, 0), 12)))
    }

    /// After this many failures a message is given up on, and shown so to admins.
    public static let maxAttempts = 10
}
