import Foundation

/// The parts of a peer's record the JSON API opens, each given to a token separately.
public enum APIArea: String, CaseIterable, Sendable {
    case journey
    case conversations
    case plans
    case consents

    public var displayName: String {
        switch self {
        case .journey: "Relationships and their stages"
        case .conversations: "Conversations"
        case .plans: "Plans the peer owns"
        case .consents: "Consents"
        }
    }

    /// Whether a token may be given more than reading here.
    public var offersWriting: Bool { actions.values.contains(.write) }

    /// The actions of this area, and whether each only reads.
    var actions: [Action: TokenScopes.Level] {
        switch self {
        case .journey: [.listRelationships: .read, .viewRelationship: .read, .moveStage: .write]
        case .conversations: [.viewConversation: .read, .recordConversation: .write]
        case .plans: [.viewSafetyPlan: .read, .viewTowardsPlan: .read]
        case .consents: [.viewConsents: .read]
        }
    }
}

/// What a personal access token may reach: per area, nothing, reading, or reading and writing.
/// Only actions the API offers can ever be reached with a token: never a web page, never
/// managing accounts or other tokens.
public struct TokenScopes: Sendable, Equatable {
    public enum Level: String, CaseIterable, Sendable, Comparable {
        case none
        case read
        case write

        public static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public let levels: [APIArea: Level]

    public init(_ levels: [APIArea: Level]) {
        self.levels = levels.filter { $0.value != .none }
    }

    public func level(_ area: APIArea) -> Level { levels[area] ?? .none }

    public var isEmpty: Bool { levels.isEmpty }

    /// The area and level an action needs, when the API offers it at all.
    public static func need(for action: Action) -> (area: APIArea, level: Level)? {
        for area in APIArea.allCases {
            if let level = area.actions[action] { return (area, level) }
        }
        return nil
    }

    public func permits(_ action: Action) -> Bool {
        guard let (area, needed) = Self.need(for: action) else { return false }
        return level(area) >= needed
    }

    public func refusal(for action: Action) -> String {
        guard let (area, needed) = Self.need(for: action) else {
            return "A personal access token only reaches the API, not this."
        }
        return needed == .write
            ? "This token may not change \(area.displayName.lowercased()). Make one that may read and write them."
            : "This token doesn't reach \(area.displayName.lowercased())."
    }

    /// Stored as `area:level` pairs separated by spaces, in a fixed order. Anything unreadable is
    /// dropped, so a damaged row reaches less, never more.
    public var stored: String {
        APIArea.allCases.compactMap { area in levels[area].map { "\(area.rawValue):\($0.rawValue)" } }.joined(separator: " ")
    }

    public init(stored: String) {
        var levels: [APIArea: Level] = [:]
        for pair in stored.split(separator: " ") {
            let parts = pair.split(separator: ":")
            guard parts.count == 2, let area = APIArea(rawValue: String(parts[0])), let level = Level(rawValue: String(parts[1])) else {
                continue
            }
            levels[area] = level
        }
        self.init(levels)
    }
}

/// A token as a person asks for it: a name they will recognise, and what it may reach.
public struct AccessTokenDraft: Sendable, Equatable {
    public let name: String
    public let scopes: TokenScopes

    public static let nameLimit = 80

    public init(name: String, scopes: TokenScopes) {
        self.name = name
        self.scopes = scopes
    }

    /// `levels` holds each area's chosen level by the area's raw value, as a form sends it.
    public static func parse(name rawName: String?, levels rawLevels: [String: String]) -> Result<Self, FieldErrors> {
        var errors = FieldErrors()
        let name = (rawName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty {
            errors.add("name", "Give the token a name you'll recognise, such as the system that will use it.")
        } else if name.count > nameLimit {
            errors.add("name", "Keep the name to \(nameLimit) characters or fewer.")
        } else if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            errors.add("name", "Use letters, numbers and punctuation only.")
        }
        var levels: [APIArea: TokenScopes.Level] = [:]
        for area in APIArea.allCases {
            let raw = rawLevels[area.rawValue] ?? TokenScopes.Level.none.rawValue
            guard let level = TokenScopes.Level(rawValue: raw), level != .write || area.offersWriting else {
                errors.add("scope-\(area.rawValue)", "Choose no access, read, or read and write.")
                continue
            }
            levels[area] = level
        }
        let scopes = TokenScopes(levels)
        if errors.messages.keys.allSatisfy({ !$0.hasPrefix("scope-") }), scopes.isEmpty {
            errors.add("scope-\(APIArea.journey.rawValue)", "Choose at least one area the token may reach.")
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(AccessTokenDraft(name: name, scopes: scopes))
    }
}
