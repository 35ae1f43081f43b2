/// Reads a piece of writing and points out wording that works against a peer's dignity, with
/// why it matters and what to say instead. It advises; the writer decides.
public struct LanguageGuide: Sendable {
    public struct Finding: Codable, Sendable, Equatable {
        public let entry: String
        /// The words as they were written.
        public let matched: String
        /// Where they are, in Unicode code points from the start of the text; `end` is exclusive.
        public let start: Int
        public let end: Int
        public let why: String
        public let suggestions: [String]
    }

    private struct Pattern {
        let entry: Lexicon.Entry
        let words: [String]
        let ignoreAfter: [[String]]
        let ignoreBefore: [[String]]
        let onlyBefore: [[String]]?
        let window: Int
    }

    private let patterns: [Pattern]

    public init(lexicon: Lexicon) {
        patterns = lexicon.entries.flatMap { entry in
            entry.terms.map { term in
                Pattern(
                    entry: entry, words: Words.phrase(term),
                    ignoreAfter: (entry.context?.ignoreAfter ?? []).map(Words.phrase),
                    ignoreBefore: (entry.context?.ignoreBefore ?? []).map(Words.phrase),
                    onlyBefore: entry.context?.onlyBefore.map { $0.map { $0 == "<end>" ? ["<end>"] : Words.phrase($0) } },
                    window: entry.context?.window ?? 3)
            }
        }
        // Longer phrases first, so "suffers from" wins over anything shorter at the same place.
        .sorted { $0.words.count > $1.words.count }
    }

    public func check(_ text: String) -> [Finding] {
        let words = Words(text).items
        let scalars = Array(text.unicodeScalars)
        var findings: [Finding] = []
        var covered = Set<Int>()
        for pattern in patterns where !pattern.words.isEmpty {
            var index = 0
            while index + pattern.words.count <= words.count {
                let range = index..<(index + pattern.words.count)
                if words[range].map(\.text) == pattern.words, covered.isDisjoint(with: range),
                    applies(pattern, at: range, in: words)
                {
                    let start = words[range.lowerBound].start
                    let end = words[range.upperBound - 1].end
                    var matched = String.UnicodeScalarView()
                    matched.append(contentsOf: scalars[start..<end])
                    findings.append(
                        Finding(
                            entry: pattern.entry.id, matched: String(matched), start: start, end: end,
                            why: pattern.entry.why, suggestions: pattern.entry.suggestions))
                    covered.formUnion(range)
                }
                index += 1
            }
        }
        return findings.sorted { $0.start < $1.start }
    }

    private func applies(_ pattern: Pattern, at range: Range<Int>, in words: [Words.Word]) -> Bool {
        for phrase in pattern.ignoreAfter where range.lowerBound >= phrase.count {
            if words[(range.lowerBound - phrase.count)..<range.lowerBound].map(\.text) == phrase { return false }
        }
        for phrase in pattern.ignoreBefore where range.upperBound + phrase.count <= words.count {
            if words[range.upperBound..<(range.upperBound + phrase.count)].map(\.text) == phrase { return false }
        }
        guard let required = pattern.onlyBefore else { return true }
        if required.contains(["<end>"]), words[range.upperBound - 1].endsSentence { return true }
        var position = range.upperBound
        while position < min(words.count, range.upperBound + pattern.window) {
            for phrase in required where phrase != ["<end>"] && position + phrase.count <= words.count {
                if words[position..<(position + phrase.count)].map(\.text) == phrase { return true }
            }
            if words[position].endsSentence { break }
            position += 1
        }
        return false
    }
}
