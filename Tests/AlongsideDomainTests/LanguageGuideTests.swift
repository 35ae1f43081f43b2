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

    /// Each sentence, and the entries the guide should point out in it, in order.
    func expectFlagged(_ cases: KeyValuePairs<String, [String]>) {
        for (sentence, entries) in cases {
            #expect(guide.check(sentence).map(\.entry) == entries, "\(sentence)")
        }
    }

    func expectNothingFlagged(_ sentences: [String]) {
        for sentence in sentences {
            let findings = guide.check(sentence)
            let described = findings.map { "\($0.entry) (\($0.matched))" }.joined(separator: ", ")
            #expect(findings.isEmpty, "\(sentence): \(described)")
        }
    }

    @Test func labelsThatMakeAPersonTheirDiagnosis() {
        expectFlagged([
            "She's a borderline, the nurse said.": ["diagnosis-as-identity"],
            "Staff called him a psychotic.": ["diagnosis-as-identity"],
            "She's a depressive, her mum says.": ["diagnosis-as-identity"],
            "The manic depressives on the ward share a lounge.": ["diagnosis-as-identity"],
            "He is a self-harmer.": ["diagnosis-as-identity"],
            "He has been an alcoholic for years.": ["addict"],
            "Two junkies were sleeping in the doorway.": ["addict"],
        ])
        // Diagnosis names, illnesses and events, organisations, drinks and job titles are not labels.
        expectNothingFlagged([
            "She has a diagnosis of bipolar disorder.",
            "He was given a bipolar disorder diagnosis last year.",
            "She lives with borderline personality disorder.",
            "She has a borderline personality disorder diagnosis.",
            "It was a borderline decision, so we asked her.",
            "He had a psychotic episode in March.",
            "She talked about a depressive episode after the birth.",
            "He found a Bipolar UK support group.",
            "She talks to other people living with schizophrenia.",
            "He goes to Alcoholics Anonymous on Tuesdays.",
            "We went to an Alcoholics Anonymous meeting together.",
            "There were no alcoholic drinks at the party.",
            "She chose a non-alcoholic beer.",
            "He was treated for alcoholic liver disease.",
            "She's a self-confessed adrenaline junkie.",
            "Our new Peer Support Coordinator starts Monday.",
        ])
    }

    @Test func attendanceWordsCentredOnTheService() {
        expectFlagged([
            "Sam DNA'd his appointment again.": ["did-not-attend"],
            "Sam DNA\u{2019}d his appointment again.": ["did-not-attend"],
            "Kai had three DNAs this month.": ["did-not-attend"],
            "Jo was a no-show on Monday.": ["did-not-attend"],
            "He failed to attend the review.": ["did-not-attend"],
            "She defaulted from follow-up in May.": ["defaulted"],
            "He absconded from the ward last night.": ["absconded"],
            "She went AWOL on Friday.": ["absconded"],
            "He refused treatment.": ["refused"],
            "They say he's non-engaging.": ["failed-treatment"],
            "She disengaged from services in the spring.": ["failed-treatment"],
            "He's a frequent flyer, staff said.": ["failed-treatment"],
            "She's treatment resistant.": ["failed-treatment"],
            "She was splitting the staff again.": ["splitting"],
            "He splits the team.": ["splitting"],
            "He kicked off at staff when the meeting ended.": ["kicking-off"],
            "Staff said she was kicking off.": ["kicking-off"],
            "He was manipulative and attention-seeking.": ["manipulative", "attention-seeking"],
            "She's only doing it for attention.": ["attention-seeking"],
        ])
        // DNA the molecule, the writer about themselves, other kinds of splitting and kick-off,
        // airline points, a condition's name, and manipulation the person went through.
        expectNothingFlagged([
            "We talked about her DNA test results.",
            "Peer support is in our DNA.",
            "She is tracing her family through DNA.",
            "I did not attend the training, so Ravi briefed me.",
            "She wasn't able to come this week, so we'll meet on Friday.",
            "He defaulted on a loan years ago.",
            "The treasurer absconded with the funds.",
            "She had a splitting headache.",
            "We're splitting the bill for the pizza.",
            "We are splitting the team into pairs for the walk.",
            "She is splitting up with her partner.",
            "The new rota splits staff across the two sites.",
            "The group kicked off at ten with tea.",
            "The session kicked off with a song.",
            "The football match kicked off at three.",
            "We watched the kick-off together.",
            "She used her frequent flyer points to visit her sister.",
            "He has treatment-resistant depression and wants to try something new.",
            "She felt unmotivated after the move.",
            "She felt manipulated by her ex.",
            "He talked about the manipulation by his stepfather.",
        ])
    }

    @Test func wardJargon() {
        expectFlagged([
            "He's on 15 minute obs.": ["ward-observation"],
            "She was specialled overnight.": ["ward-observation"],
            "He needed PRN after the phone call.": ["prn"],
            "She was PRN'd at ten.": ["prn"],
            "She was sectioned last week.": ["sectioned"],
            "He's been on a section since June.": ["sectioned"],
            "He decompensated after the move.": ["decompensated"],
            "She was displaying behaviours in the lounge.": ["challenging-behaviour"],
            "He is presenting as flat.": ["clinical-presentation"],
            "She's quite high-functioning.": ["high-low-functioning"],
        ])
        // Team and ward names, job titles, the law named plainly, physical illness and other meanings.
        expectNothingFlagged([
            "The Acute Care Team rang to check in.",
            "She was admitted to the acute ward on Monday.",
            "The bed manager found her a room near home.",
            "She wants to work in obs and gynae.",
            "She was detained under section 3 of the Mental Health Act.",
            "The garden is sectioned off for the builders.",
            "He sat on a section of the wall.",
            "He has decompensated heart failure.",
            "She chose to take the extra tablet the nurse offered.",
            "We want to be a high-functioning team.",
            "We're presenting as a team at the conference.",
            "The Challenging Behaviour Foundation has useful leaflets.",
            "In drama group we were acting out a scene from her favourite film.",
        ])
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
