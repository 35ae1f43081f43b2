import Foundation

/// The language guide's word list: each entry names wording that carries deficit, clinical or
/// judgemental meaning, why it matters, what to say instead, and where that advice comes from.
/// It is data (`language-lexicon.json`), so an organisation can add its own entries.
public struct Lexicon: Codable, Sendable, Equatable {
    public struct Source: Codable, Sendable, Equatable {
        public let id: String
        public let citation: String
    }

    public struct Entry: Codable, Sendable, Equatable {
        public let id: String
        /// Words or phrases to look for, matched whole-word and case-insensitively; a hyphen
        /// and a space count as the same.
        public let terms: [String]
        public let why: String
        public let suggestions: [String]
        public let sources: [String]
        public let context: Context?
    }

    /// When a term is not the wording the entry is about ("be patient with yourself", "in case").
    public struct Context: Codable, Sendable, Equatable {
        /// Ignore the match when these words come right before it.
        public let ignoreAfter: [String]?
        /// Ignore the match when these words come right after it.
        public let ignoreBefore: [String]?
        /// Only flag the match when one of these words comes within a few words after it;
        /// `<end>` stands for the end of a sentence.
        public let onlyBefore: [String]?
        /// How many words after the match `onlyBefore` looks at (default 3).
        public let window: Int?
    }

    public var sources: [Source]
    public var entries: [Entry]

    /// Adds an organisation's own entries (and sources) to this lexicon; an entry with the same
    /// id replaces the shipped one.
    public func extended(with other: Lexicon) -> Lexicon {
        let replaced = Set(other.entries.map(\.id))
        return Lexicon(
            sources: sources + other.sources.filter { source in !sources.contains { $0.id == source.id } },
            entries: entries.filter { !replaced.contains($0.id) } + other.entries)
    }

    public static func decode(_ data: Data) throws -> Lexicon {
        try JSONDecoder().decode(Lexicon.self, from: data)
    }

    /// The lexicon shipped with Alongside.
    public static func standard() throws -> Lexicon {
        guard let url = Bundle.module.url(forResource: "language-lexicon", withExtension: "json", subdirectory: "Resources") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try decode(Data(contentsOf: url))
    }
}
