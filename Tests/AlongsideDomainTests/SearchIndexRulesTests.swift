import Testing

@testable import AlongsideDomain

/// The blind index's rules: which tokens a name is stored under, which a query asks for, and
/// the final word on the opened name. A query that should match always finds its tokens.
@Suite struct SearchIndexRulesTests {
    @Test func aNameIsIndexedByRunsOfThreeFirstLettersAndTheWholeName() {
        let tokens = SearchKey.indexTokens(forName: SearchKey.fold("Mereana Tūī"))
        #expect(tokens.contains("=mereana tui"))
        #expect(tokens.isSuperset(of: ["^m", "^me", "^t", "^tu", "mer", "ean", "a t", "tui"]))
        #expect(!tokens.contains("mereana"), "never the name itself, except as the whole-name token, which is hashed")
    }

    @Test func everyPieceOfANameFindsItsTokens() {
        let name = SearchKey.fold("Aroha Ngata-Smith")
        let stored = SearchKey.indexTokens(forName: name)
        let characters = Array(name)
        for start in characters.indices {
            for end in (start + 1)...characters.count {
                let piece = String(characters[start..<end]).trimmingCharacters(in: .whitespaces)
                guard !piece.isEmpty, SearchKey.matches(name: name, query: piece, match: .anywhere) else { continue }
                #expect(SearchKey.queryTokens(piece, match: .anywhere).isSubset(of: stored), "“\(piece)”")
            }
        }
    }

    @Test func oneOrTwoLettersFindTheStartOfAWordAndLongerAnywhere() {
        #expect(SearchKey.matches(name: "mereana tui", query: "tu", match: .anywhere))
        #expect(!SearchKey.matches(name: "mereana tui", query: "ea", match: .anywhere))
        #expect(SearchKey.matches(name: "mereana tui", query: "ean", match: .anywhere))
        #expect(SearchKey.queryTokens("me", match: .anywhere) == ["^me"])
    }

    @Test func theWholeNameMatchesOnlyItself() {
        #expect(SearchKey.queryTokens("mereana", match: .wholeName) == ["=mereana"])
        #expect(SearchKey.matches(name: "mereana", query: "mereana", match: .wholeName))
        #expect(!SearchKey.matches(name: "mereana tui", query: "mereana", match: .wholeName))
    }

    @Test func aLongQueryAsksForAtMostEightRunsFirstAndLastAmongThem() {
        let query = SearchKey.fold("Wiremu Tamihana Kereama")
        let asked = SearchKey.queryTokens(query, match: .anywhere)
        #expect(asked.count == 8)
        #expect(asked.contains("wir") && asked.contains("ama"))
    }
}
