import Foundation

/// An email as RFC 5322 text: plain-text body in UTF-8, sent as base64 so that no line is too long
/// and no mail server needs to understand 8-bit text.
public enum MailFormat {
    public static func message(
        from: String, fromName: String, to: String, subject: String, body: String, messageID: String, date: Date
    ) -> String {
        let lines = [
            "From: \(header(fromName)) <\(from)>",
            "To: <\(to)>",
            "Subject: \(header(subject))",
            "Date: \(dateText(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "Auto-Submitted: auto-generated",
            "",
        ]
        let encoded = Data(body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return lines.joined(separator: "\r\n") + "\r\n" + encoded
    }

    /// A header value: ASCII as it is, anything else as an encoded word. Line breaks never pass.
    static func header(_ value: String) -> String {
        let clean = value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        guard clean.unicodeScalars.contains(where: { !$0.isASCII }) else { return clean }
        return "=?UTF-8?B?\(Data(clean.utf8).base64EncodedString())?="
    }

    /// A line starting with a dot gets another, so the server never takes it for the end (RFC 5321 4.5.2).
    public static func dotStuffed(_ message: String) -> String {
        message.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }

    /// `Sat, 28 Nov 2026 03:54:13 +0000`
    static func dateText(_ date: Date) -> String {
        let civil = CivilTime(date)
        let month = CivilTime.monthNames[civil.month - 1].prefix(3)
        let day = CivilTime.weekdayNames[civil.weekday].prefix(3)
        return "\(day), \(civil.day) \(month) \(civil.year) \(civil.timeText):\(civil.second < 10 ? "0" : "")\(civil.second) +0000"
    }
}
