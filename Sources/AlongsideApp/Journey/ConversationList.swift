import AlongsideDomain
import Plot

/// The dates and kinds of a relationship's conversations, newest first, linking to each note for
/// those who may read it. Written straight to HTML because a long relationship lists hundreds.
struct ConversationList: WrittenHTML {
    let conversations: [ConversationQueries.Listed]
    let linked: Bool

    var html: Markup {
        var html: Markup = "<ul class=\"conversations\">"
        html.reserveCapacity(conversations.count * 120)
        for conversation in conversations {
            let mode = ConversationMode(rawValue: conversation.mode)?.displayName ?? conversation.mode
            let label = "\(DateText.long(conversation.occurredAt)): \(mode), \(conversation.minutes) minutes"
            html += linked ? "<li><a href=\"\(AppURL.conversation(conversation.id))\">\(label)</a></li>" : "<li>\(label)</li>"
        }
        html += "</ul>"
        return html
    }
}
