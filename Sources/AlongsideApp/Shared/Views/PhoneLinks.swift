import AlongsideDomain
import Plot

/// Text with every phone number in it made a link a phone can call, the rest kept as written.
struct PhoneLinks: WrittenHTML {
    let text: String
    /// Crisis lines are mostly short numbers (111, 988, 1737): there a run of three digits counts.
    var shortNumbers = false

    var html: Markup {
        var html: Markup = ""
        for part in PhoneNumbers.split(text, minimumDigits: shortNumbers ? 3 : 6) {
            switch part {
            case .text(let words): html += "\(words)"
            case .number(let shown, let dial): html += "<a href=\"tel:\(dial)\">\(shown)</a>"
            }
        }
        return html
    }
}
