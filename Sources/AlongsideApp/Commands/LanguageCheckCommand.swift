import AlongsideDomain
import Foundation
import Vapor

/// `alongside language-check`: reads text on standard input and prints each suggestion from the
/// language guide as one JSON object per line. Always exits 0: the guide advises, it never blocks.
struct LanguageCheckCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "lexicon", help: "A JSON file of extra entries (same format as the shipped lexicon).")
        var lexicon: String?
    }

    var help: String { "Points out deficit, clinical or judgemental wording in text read from standard input." }

    func run(using context: CommandContext, signature: Signature) async throws {
        var lexicon = try Lexicon.standard()
        if let path = signature.lexicon {
            lexicon = lexicon.extended(with: try Lexicon.decode(Data(contentsOf: URL(fileURLWithPath: path))))
        }
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let text = String(decoding: input, as: UTF8.self)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for finding in LanguageGuide(lexicon: lexicon).check(text) {
            print(String(decoding: try encoder.encode(finding), as: UTF8.self))
        }
    }
}
