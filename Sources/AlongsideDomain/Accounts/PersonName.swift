/// Checks for the free-text names people give themselves and their organisation.
public enum NameRule {
    public static func problem(with raw: String, label: String, maxLength: Int) -> String? {
        let text = raw.trimmingWhitespace()
        if text.isEmpty { return "Enter \(label)." }
        if text.count > maxLength { return "Keep \(label) to \(maxLength) characters or fewer (this has \(text.count))." }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "Remove the control characters from \(label)."
        }
        if text.unicodeScalars.contains(where: { Self.directionControls.contains($0.value) }) {
            return "Remove the hidden direction marks from \(label): they can make a name look like another."
        }
        return nil
    }

    /// Invisible marks that change the direction text is shown in (U+202E shows "Ana\u{202E}nimda"
    /// as "Anaadmin"). Names are shown in many places and must read as they are.
    public static let directionControls: Set<UInt32> = [
        0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
    ]
}
