/// A piece of writing split into words, each with where it sits (in Unicode code points) and
/// whether a sentence ends right after it.
struct Words {
    struct Word {
        let text: String
        let start: Int
        let end: Int
        var endsSentence: Bool
    }

    private(set) var items: [Word] = []

    init(_ text: String) {
        var current = ""
        var start = 0
        var offset = 0
        func finish() {
            if !current.isEmpty {
                items.append(Word(text: current.lowercased(), start: start, end: offset, endsSentence: false))
                current = ""
            }
        }
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let isLetter = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            // An apostrophe inside a word keeps it whole ("that's", "don’t").
            let isInnerApostrophe =
                (scalar == "'" || scalar == "\u{2019}") && !current.isEmpty
                && index + 1 < scalars.count && scalars[index + 1].properties.isAlphabetic
            if isLetter || isInnerApostrophe {
                if current.isEmpty { start = offset }
                current.unicodeScalars.append(scalar == "\u{2019}" ? "'" : scalar)
            } else {
                finish()
                if [".", "!", "?", ";", ":", "\n"].contains(scalar), !items.isEmpty {
                    items[items.count - 1].endsSentence = true
                }
            }
            offset += 1
        }
        finish()
        if !items.isEmpty { items[items.count - 1].endsSentence = true }
    }

    /// Splits a phrase from the lexicon the same way (so "attention-seeking" is two words).
    static func phrase(_ text: String) -> [String] {
        Words(text).items.map(\.text)
    }
}
