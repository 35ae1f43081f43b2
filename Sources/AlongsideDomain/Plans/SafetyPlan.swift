import Foundation

/// A wellness and safety plan written by the peer, in their own words. Every section may be left
/// empty; the plan is only shown as agreed once the peer has said "this is my plan".
public enum SafetyPlanSection: String, CaseIterable, Sendable, Codable {
    case keepsMeWell = "keeps-me-well"
    case gettingHarder = "getting-harder"
    case feelSafe = "feel-safe"
    case pleaseDo = "please-do"
    case pleaseDont = "please-dont"
    case people
    case places
    case reasons
    case contacts

    /// The heading, in the peer's voice.
    public var title: String {
        switch self {
        case .keepsMeWell: "What keeps me well"
        case .gettingHarder: "Signs that things are getting harder"
        case .feelSafe: "What helps me feel safe"
        case .pleaseDo: "What I'd like people to do when things are hard"
        case .pleaseDont: "What I'd like people not to do"
        case .people: "People I'd like contacted, and how"
        case .places: "Places that help"
        case .reasons: "Reasons and things that matter to me"
        case .contacts: "My crisis and professional contacts"
        }
    }

    public var prompt: String {
        switch self {
        case .keepsMeWell: "Things you do, people, routines: whatever helps on an ordinary day."
        case .gettingHarder: "What you, or people close to you, notice first."
        case .feelSafe: "What would help you feel safe, in your words."
        case .pleaseDo: "How you'd like people to be with you."
        case .pleaseDont: "Anything that makes things worse."
        case .people: "Names and the way to reach them, one per line."
        case .places: "Somewhere you can go, or be."
        case .reasons: "What you're living for, and what matters."
        case .contacts: "Your own contacts, such as a GP or a team. The service's crisis lines are added to every plan."
        }
    }

    /// The field name on the form.
    public var field: String { "section-" + rawValue }
}

/// The sections of one version of a plan. Empty sections are simply not there.
public struct SafetyPlanContent: Sendable, Equatable, Codable {
    public private(set) var sections: [String: String]

    public init(_ sections: [SafetyPlanSection: String] = [:]) {
        self.sections = Dictionary(uniqueKeysWithValues: sections.filter { !$0.value.isEmpty }.map { ($0.key.rawValue, $0.value) })
    }

    public subscript(section: SafetyPlanSection) -> String { sections[section.rawValue] ?? "" }

    public var isEmpty: Bool { sections.values.allSatisfy { $0.isEmpty } }

    /// The sections that differ from another version, for "what changed".
    public func changedSections(from earlier: SafetyPlanContent) -> [SafetyPlanSection] {
        SafetyPlanSection.allCases.filter { self[$0] != earlier[$0] }
    }

    /// Each section must fit on the printed one-page card: a length and a number of lines.
    public static let sectionLimit = 400
    public static let lineLimit = 10

    public static func parse(_ fields: [String: String]) -> Result<Self, FieldErrors> {
        var errors = FieldErrors()
        var sections: [SafetyPlanSection: String] = [:]
        for section in SafetyPlanSection.allCases {
            let text = PlanText.clean(fields[section.field])
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            if text.count > sectionLimit {
                errors.add(
                    section.field,
                    "Keep this to \(sectionLimit) characters (it has \(text.count)) so the plan fits on one printed card.")
            } else if lines > lineLimit {
                errors.add(section.field, "Keep this to \(lineLimit) lines (it has \(lines)) so the plan fits on one printed card.")
            }
            sections[section] = text
        }
        return errors.isEmpty ? .success(SafetyPlanContent(sections)) : .failure(errors)
    }

    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(sections)) ?? Data("{}".utf8), as: UTF8.self)
    }

    public static func decode(_ text: String) -> SafetyPlanContent {
        let raw = (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
        var sections: [SafetyPlanSection: String] = [:]
        for (key, value) in raw { if let section = SafetyPlanSection(rawValue: key) { sections[section] = value } }
        return SafetyPlanContent(sections)
    }
}

/// Marking the plan as the peer's own.
public enum SafetyPlanAgreement {
    /// Who said "this is my plan": the peer at their own login, or the peer beside their worker.
    public enum How: String, Sendable {
        case peer
        case inPerson = "in-person"
    }

    public static func check(_ content: SafetyPlanContent, peerPresent: Bool, byPeer: Bool) -> FieldErrors {
        var errors = FieldErrors()
        if content.isEmpty {
            errors.add("agree", "There's nothing in the plan yet. Write at least one section before marking it as yours.")
        } else if !byPeer, !peerPresent {
            errors.add("agree", "Only the peer can say this is their plan. Tick the box if they are with you and say so now.")
        }
        return errors
    }
}

/// The plan as plain text a peer can copy into their phone's notes.
public enum SafetyPlanText {
    public static func render(peerName: String, content: SafetyPlanContent, crisisLines: String, status: String) -> String {
        var text = "\(peerName)'s wellness and safety plan\n\(status)\n"
        for section in SafetyPlanSection.allCases where !content[section].isEmpty {
            text += "\n\(section.title.uppercased())\n\(content[section])\n"
        }
        if !crisisLines.isEmpty {
            text += "\nCRISIS LINES\n\(crisisLines)\n"
        }
        return text
    }
}
