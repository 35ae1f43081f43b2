import AlongsideDomain
import Plot
import Vapor

/// What the peer said about a note, on the worker's side: comments, requests to change it, and
/// a place to answer each open viewer.
struct ResponsesSection: Component {
    let viewer: Viewer
    let conversationID: UUID
    let peerName: String
    let responses: [NoteResponseQueries.Line]
    let answer: ConversationViews.AnswerDraft
    let canAnswer: Bool

    var body: Component {
        guard !responses.isEmpty else { return EmptyComponent() }
        return Element(name: "section") {
            H2("What \(peerName) said about this note")
            List(responses) { line in
                ListItem {
                    let response = line.response
                    Paragraph {
                        Tag.strong(
                            response.responseKind == .correction ? "\(line.authorName) asked for a change" : "\(line.authorName) commented")
                        Text(", \(DateText.long(response.writtenAt)):")
                    }
                    Paragraph(response.body).class("note-text")
                    if let answerText = response.answer, let answeredAt = response.answeredAt {
                        Paragraph {
                            Tag.strong("\(line.answeredByName ?? "Someone") answered")
                            Text(", \(DateText.long(answeredAt)): ")
                            Text(answerText)
                        }
                    } else if response.isOpenCorrection, canAnswer, let responseID = response.id {
                        answerForm(responseID)
                    }
                }
                .class(line.response.isOpenCorrection ? "response open" : "response")
            }
            .class("responses")
        }
    }

    private func answerForm(_ responseID: UUID) -> Component {
        let mine = answer.responseID == responseID
        let name = "answer-\(responseID.uuidString.lowercased())"
        return Form(url: AppURL.answerResponse(conversation: conversationID, response: responseID).path, method: .post) {
            CSRFField(token: viewer.csrfToken)
            Paragraph {
                Text("You can ")
                Link("change the note", url: AppURL.editConversation(conversationID).path)
                Text(" first; the earlier version is kept either way.")
            }
            .class("hint")
            FieldFrame(
                label: "Your answer to \(peerName)", name: name, error: mine ? answer.errors["answer"] : nil,
                hint: "Say what you changed, or why you kept your words. \(peerName) will read this."
            ) { describedBy in
                TextArea(text: mine ? answer.text : "", name: "answer")
                    .id(name)
                    .safeAttribute("rows", "3")
                    .safeAttribute("maxlength", String(NoteResponseText.limit))
                    .safeAttribute("aria-describedby", describedBy)
                    .safeAttribute("aria-invalid", mine && answer.errors["answer"] != nil ? "true" : nil)
            }
            Button("Send the answer").safeAttribute("type", "submit")
        }
        .safeAttribute("novalidate", "novalidate")
    }
}
