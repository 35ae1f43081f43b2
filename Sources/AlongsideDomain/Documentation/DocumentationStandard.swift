import Foundation

/// A payer's rules for a billable peer support note, kept as data: which elements must be
/// present before the note can be billed. The shared note in the peer's words is never one of
/// them; billing is a separate layer on top of the conversation.
public struct DocumentationStandard: Sendable, Decodable, Equatable {
    public let id: String
    public let name: String
    public let source: String
    public let elements: [Element]

    public struct Element: Sendable, Decodable, Equatable {
        public let key: String
        public let label: String
        public let help: String
        public let from: Source
    }

    public enum Source: String, Sendable, Decodable {
        case noteDate
        case noteTimes
        case notePlace
        /// A field of the billing record itself.
        case entry
        case workerSignature
    }

    /// What the conversation and its billing record hold, as far as a standard cares.
    public struct Facts: Sendable {
        public var minutes: Int
        public var place: String
        public var entries: [String: String]
        public var signed: Bool

        public init(minutes: Int, place: String, entries: [String: String], signed: Bool) {
            self.minutes = minutes
            self.place = place
            self.entries = entries
            self.signed = signed
        }
    }

    /// The elements still missing, in the standard's order.
    public func missing(_ facts: Facts) -> [Element] {
        elements.filter { element in
            switch element.from {
            case .noteDate: false
            case .noteTimes: facts.minutes <= 0
            case .notePlace: facts.place.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            case .entry: (facts.entries[element.key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            case .workerSignature: !facts.signed
            }
        }
    }

    public var entryElements: [Element] { elements.filter { $0.from == .entry } }

    public static let entryLimit = 1_000
    public static let credentialLimit = 120

    /// Checks the billing form: entries within their limit, and a credential when signing.
    public func validate(entries: [String: String], sign: Bool, credential: String) -> FieldErrors {
        var errors = FieldErrors()
        for element in entryElements {
            let text = entries[element.key] ?? ""
            if text.count > Self.entryLimit {
                errors.add(element.key, "Keep this to \(Self.entryLimit) characters or fewer (it has \(text.count)).")
            }
        }
        let trimmed = credential.trimmingCharacters(in: .whitespacesAndNewlines)
        if sign && trimmed.isEmpty {
            errors.add("credential", "Add your credential to sign, for example Certified Peer Specialist.")
        } else if trimmed.count > Self.credentialLimit {
            errors.add("credential", "Keep this to \(Self.credentialLimit) characters or fewer.")
        }
        return errors
    }
}

/// The sets Alongside ships, from `documentation-standards.json`.
public enum DocumentationStandards {
    struct File: Decodable {
        let standards: [DocumentationStandard]
    }

    public static func decode(_ data: Data) throws -> [DocumentationStandard] {
        try JSONDecoder().decode(File.self, from: data).standards
    }

    public static func bundled() throws -> [DocumentationStandard] {
        guard let url = Bundle.module.url(forResource: "documentation-standards", withExtension: "json", subdirectory: "Resources") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try decode(Data(contentsOf: url))
    }
}
