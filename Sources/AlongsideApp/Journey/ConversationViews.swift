import AlongsideDomain
import Plot
import Vapor

enum ConversationViews {
    /// The answer form under an open request to change the note, kept when it had a problem.
    struct AnswerDraft {
        var responseID: UUID?
        var text: String
        var errors: FieldErrors
    }

    static func show(
        _ viewer: Viewer, conversation: Conversation, relationship: Relationship, peer: Peer, group: [(id: UUID, peerName: String)],
        responses: [NoteResponseQueries.Line], billing: BillingStatus?, reviewedPlan: Bool = false, notice: String?,
        answer: AnswerDraft, status: HTTPResponseStatus = .ok
    ) -> Response {
        let guide = viewer.languageGuide
        let mode = ConversationMode(rawValue: conversation.mode)?.displayName ?? conversation.mode
        let id = conversation.id ?? UUID()
        let ownWords = conversation.showsOwnWords(to: viewer.signedIn?.actor)
        let canChange =
            viewer.signedIn.map {
                AccessPolicy.decide(.signedIn($0.actor), .editConversation, relationship.resource(.sharedNotes)).isAllowed
            } ?? false
        return viewer.page("Conversation with \(peer.preferredName)", status: status) {
            H1("Conversation with \(peer.preferredName)")
            if let notice { Paragraph(notice).class("notice").safeAttribute("role", "status") }
            Tag.dl {
                Tag.pair("When", DateText.long(conversation.occurredAt))
                Tag.pair("How long", "\(conversation.minutes) minutes")
                Tag.pair("How", mode)
                if !conversation.place.isEmpty { Tag.pair("Where", conversation.place) }
                Tag.pair("Who reached out", reachedOutText(conversation.reachedOut))
                if conversation.version > 1 {
                    Tag.pair("Version", "\(conversation.version), changed \(DateText.long(conversation.currentSince))")
                }
            }
            Paragraph {
                if canChange { Link("Change this note", url: AppURL.editConversation(id).path).class("button") }
                if conversation.version > 1 {
                    Text(" ")
                    Link("Earlier versions", url: AppURL.conversationHistory(id).path)
                }
                Text(" ")
                Link("Check-in: how was it for each of you?", url: AppURL.checkIn(id).path)
            }
            if reviewedPlan, let relationshipID = relationship.id {
                Paragraph {
                    Text("You looked at the plan together in this conversation: ")
                    Link("moving towards", url: AppURL.towardsPlan(relationshipID).path + "#reviews")
                    Text(".")
                }
            }
            if conversation.groupID != nil {
                Paragraph {
                    Text("A group conversation. Each peer who was there has their own copy, and reads only theirs")
                    if group.isEmpty {
                        Text(".")
                    } else {
                        Text(": ")
                        for (index, sibling) in group.enumerated() {
                            Link("\(sibling.peerName)'s copy", url: AppURL.conversation(sibling.id).path)
                            Text(index == group.count - 1 ? "." : ", ")
                        }
                    }
                }
                .class("hint")
            }
            section("Shared note", conversation.sharedNote, guide: guide)
            ResponsesSection(
                viewer: viewer, conversationID: id, peerName: peer.preferredName, responses: responses, answer: answer,
                canAnswer: canChange)
            BillingSection(status: billing, conversationID: id, canDocument: canChange)
            if ownWords {
                for task in IPSTask.allCases where !conversation.reflection(task).isEmpty {
                    section(task.displayName, conversation.reflection(task), guide: guide)
                }
                section("What I shared from my own lived experience", conversation.livedExperience, guide: guide)
                section(
                    conversation.forSupervision ? "Your reflection (for supervision)" : "Your reflection (only you see this)",
                    conversation.privateReflection, guide: guide)
            }
            if let id = relationship.id {
                Paragraph { Link("Back to \(peer.preferredName)'s journey", url: AppURL.relationship(id).path) }
            }
        }
    }

    /// "The peer", not "reached out by the peer": the label already says what happened.
    static func reachedOutText(_ raw: String) -> String {
        switch Initiator(rawValue: raw) {
        case .peer: "The peer"
        case .worker: "The peer worker"
        case .both: "It was planned"
        case nil: "Not recorded"
        }
    }

    /// A piece of writing with the language guide's suggestions beside it. They advise; nothing
    /// stops the writer keeping their words.
    static func section(_ title: String, _ text: String, guide: LanguageGuide) -> Component {
        guard !text.isEmpty else { return EmptyComponent() }
        let findings = guide.check(text)
        return Div {
            H2(title)
            Paragraph(text).class("note-text")
            suggestions(findings, for: title)
        }
    }

    /// The language guide's suggestions beside something a worker wrote; nothing when there are none.
    static func suggestions(_ findings: [LanguageGuide.Finding], for title: String) -> Component {
        guard !findings.isEmpty else { return EmptyComponent() }
        return Element(name: "aside") {
            Paragraph("Wording to think about").class("suggestions-title")
            List(findings) { finding in
                ListItem {
                    Tag.strong("“\(finding.matched)”")
                    Text(": \(finding.why) You might say: \(finding.suggestions.prefix(3).joined(separator: "; ")).")
                }
            }
        }
        .class("suggestions")
        .safeAttribute("aria-label", "Language suggestions for \(title)")
    }
}

extension Application {
    private struct LanguageGuideKey: StorageKey { typealias Value = LanguageGuide }

    var languageGuide: LanguageGuide {
        get { storage[LanguageGuideKey.self]! }
        set { storage[LanguageGuideKey.self] = newValue }
    }
}
