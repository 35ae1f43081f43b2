import AlongsideDomain
import Foundation
import Testing

@Suite struct LanguageGuideTests {
    let guide = LanguageGuide(lexicon: try! Lexicon.standard())

    struct Labelled {
        let sentence: String
        let expected: Set<String>
    }

    /// Sentences written for this test, each labelled with the entries a careful reader would
    /// want pointed out, including traps where the same words mean something harmless.
    static func corpus() throws -> [Labelled] {
        let url = try #require(Bundle.module.url(forResource: "language-sentences", withExtension: "tsv", subdirectory: "Resources"))
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            let labels = parts.count > 1 ? parts[1].split(separator: ",").map(String.init) : []
            return Labelled(sentence: String(parts[0]), expected: Set(labels))
        }
    }

    @Test func precisionAndRecallOnTheLabelledSentences() throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 150)
        var truePositives = 0
        var falsePositives = 0
        var falseNegatives = 0
        var mistakes: [String] = []
        for item in corpus {
            let found = Set(guide.check(item.sentence).map(\.entry))
            truePositives += found.intersection(item.expected).count
            falsePositives += found.subtracting(item.expected).count
            falseNegatives += item.expected.subtracting(found).count
            if found != item.expected {
                mistakes.append("\(item.sentence) expected \(item.expected.sorted()) found \(found.sorted())")
            }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives))
        print(
            "Language guide on \(corpus.count) labelled sentences: precision \(String(format: "%.3f", precision)), recall \(String(format: "%.3f", recall)) (\(truePositives) right, \(falsePositives) false alarms, \(falseNegatives) missed)"
        )
        for mistake in mistakes { print("  differs: \(mistake)") }
        #expect(precision >= 0.95)
        #expect(recall >= 0.95)
    }

    @Test func findingsCarryTheWordsAsWrittenAndWhereTheyAre() {
        let text = "Sam — who SUFFERS FROM voices — was non-compliant."
        let findings = guide.check(text)
        #expect(findings.map(\.entry) == ["suffers-from", "non-compliant"])
        let scalars = Array(text.unicodeScalars)
        for finding in findings {
            var written = String.UnicodeScalarView()
            written.append(contentsOf: scalars[finding.start..<finding.end])
            #expect(String(written) == finding.matched)
        }
        #expect(findings[0].matched == "SUFFERS FROM")
        #expect(!findings[0].why.isEmpty && !findings[0].suggestions.isEmpty)
    }

    @Test func emptyOrHarmlessTextHasNoFindings() {
        #expect(guide.check("").isEmpty)
        #expect(guide.check("We walked to the harbour and talked about her plans for spring.").isEmpty)
    }

    @Test func anOrganisationCanAddAndReplaceEntries() throws {
        let extra = try Lexicon.decode(
            Data(
                """
                {"sources": [{"id": "ours", "citation": "Riverside Peers style guide"}],
                 "entries": [{"id": "service-user", "terms": ["service user"], "why": "We say peer.", "suggestions": ["peer"], "sources": ["ours"]},
                             {"id": "patient", "terms": ["patient"], "why": "Replaced.", "suggestions": ["peer"], "sources": ["ours"]}]}
                """.utf8))
        let extended = LanguageGuide(lexicon: try Lexicon.standard().extended(with: extra))
        #expect(extended.check("A service user came by.").map(\.entry) == ["service-user"])
        #expect(extended.check("Be patient.").map(\.why) == ["Replaced."], "the replacement has no context rules")
    }

    @Test func everyEntryCitesAKnownSourceAndOffersAnAlternative() throws {
        let lexicon = try Lexicon.standard()
        let sources = Set(lexicon.sources.map(\.id))
        #expect(Set(lexicon.entries.map(\.id)).count == lexicon.entries.count)
        for entry in lexicon.entries {
            #expect(!entry.sources.isEmpty && entry.sources.allSatisfy(sources.contains), "\(entry.id)")
            #expect(!entry.suggestions.isEmpty, "\(entry.id)")
            #expect(!entry.why.isEmpty, "\(entry.id)")
        }
    }
}
