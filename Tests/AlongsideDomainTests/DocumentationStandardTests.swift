import AlongsideDomain
import Foundation
import Testing

@Suite struct DocumentationStandardTests {
    let medicaid = try! DocumentationStandards.bundled().first { $0.id == "us-medicaid-peer-support" }!

    @Test func theShippedSetNamesItsSourceAndEveryElementMedicaidAsksFor() {
        #expect(medicaid.source.contains("CMS"))
        #expect(
            medicaid.elements.map(\.key) == [
                "date", "times", "place", "serviceCode", "intervention", "purpose", "response", "nextSteps", "signature",
            ])
    }

    @Test func aNoteMissingElementsSaysWhichOnes() {
        let facts = DocumentationStandard.Facts(minutes: 45, place: "", entries: ["serviceCode": "H0038", "purpose": " "], signed: false)
        #expect(medicaid.missing(facts).map(\.key) == ["place", "intervention", "purpose", "response", "nextSteps", "signature"])
    }

    @Test func aCompleteNoteMissesNothing() {
        let entries = Dictionary(uniqueKeysWithValues: medicaid.entryElements.map { ($0.key, "Written.") })
        #expect(medicaid.missing(.init(minutes: 30, place: "Library", entries: entries, signed: true)).isEmpty)
    }

    @Test func signingNeedsACredentialAndEntriesHaveALimit() {
        let errors = medicaid.validate(entries: ["purpose": String(repeating: "x", count: 1_001)], sign: true, credential: " ")
        #expect(errors["credential"]?.contains("Add your credential") == true)
        #expect(errors["purpose"]?.contains("1000 characters") == true)
        #expect(medicaid.validate(entries: [:], sign: false, credential: "").isEmpty, "an unsigned, incomplete record can still be saved")
    }

    @Test func anOrganisationCanWriteItsOwnSet() throws {
        let json =
            #"{"standards":[{"id":"x","name":"Ours","source":"Our contract","elements":[{"key":"goal","label":"Goal","help":"","from":"entry"}]}]}"#
        let ours = try DocumentationStandards.decode(Data(json.utf8))
        #expect(ours.first?.missing(.init(minutes: 10, place: "", entries: [:], signed: false)).map(\.key) == ["goal"])
    }
}
