/// Checks for the free-text names people give themselves and their organisation.
public enum NameRule {
    public static func problem(with raw: String, label: String, maxLength: Int) -> String? {
        let text = raw.trimmingWhitespace()
        if text.isEmpty { return "Enter \(label)." }
        if text.count > maxLength { return "Keep \(label) to \(maxLength) characters or fewer (this has \(text.count))." }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "Remove the control characters from \(label)."
        }
        return nil
    }
}
