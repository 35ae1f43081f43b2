import AlongsideDomain
import Plot
import Vapor

/// Every version of a note, newest first, each with who wrote it and when.
enum ConversationHistoryView {
    /// One version's words, whichever table it lives in.
    struct Version {
        let number: Int
        let author: String
        let at: Date
        let occurredAt: Date
        let minutes: Int
        let sharedNote: String
        let reflections: [(String, String)]
    }

    static func render(
        _ viewer: Viewer, current: Conversation, earlier: [ConversationVersion], names: [UUID: String], peer: Peer,
        ownWords: Bool
    ) -> Response {
        let versions =
            [
                Version(
                    number: current.version, author: names[current.currentAuthor] ?? "Someone", at: current.currentSince,
                    occurredAt: current.occurredAt, minutes: current.minutes, sharedNote: current.sharedNote,
                    reflections: !ownWords
                        ? []
                        : IPSTask.allCases.map { ($0.displayName, current.reflection($0)) } + [
                            ("Lived experience", current.livedExperience), ("Your own reflection", current.privateReflection),
                        ])
            ]
            + earlier.map { old in
                Version(
                    number: old.version, author: names[old.writtenBy] ?? "Someone", at: old.writtenAt, occurredAt: old.occurredAt,
                    minutes: old.minutes, sharedNote: old.sharedNote,
                    reflections: !ownWords
                        ? []
                        : [
                            (IPSTask.connection.displayName, old.connection), (IPSTask.worldview.displayName, old.worldview),
                            (IPSTask.mutuality.displayName, old.mutuality), (IPSTask.movingTowards.displayName, old.movingTowards),
                            ("Lived experience", old.livedExperience), ("Your own reflection", old.privateReflection),
                        ])
            }
        return viewer.page("Versions of a note") {
            H1("Versions of the note with \(peer.preferredName)")
            Paragraph("Nothing is overwritten: every earlier version is kept, with who wrote it and when.").class("hint")
            for version in versions {
                Element(name: "section") {
                    H2(version.number == current.version ? "Version \(version.number) (now)" : "Version \(version.number)")
                    Paragraph("Written by \(version.author), \(DateText.long(version.at)).").class("hint")
                    Tag.dl {
                        Tag.pair("When the conversation was", DateText.long(version.occurredAt))
                        Tag.pair("How long", "\(version.minutes) minutes")
                        Tag.pair("Shared note", version.sharedNote.isEmpty ? "(empty)" : version.sharedNote)
                        for (label, text) in version.reflections where !text.isEmpty {
                            Tag.pair(label, text)
                        }
                    }
                }
                .class("version")
            }
            if let id = current.id {
                Paragraph { Link("Back to the note", url: AppURL.conversation(id).path) }
            }
        }
    }
}
