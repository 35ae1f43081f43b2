import Foundation

/// What a peer can say about a shared note: a comment of their own beside it, or a request to
/// change it. Nothing a peer asks for overwrites the note; the worker answers, and any change
/// becomes a new version.
public enum NoteResponseKind: String, CaseIterable, Sendable {
    case comment
    case correction

    public var displayName: String {
        switch self {
        case .comment: "Comment"
        case .correction: "Asked for a change"
        }
    }
}

public enum NoteResponseText {
    public static let limit = 2_000

    /// The text of a comment, a correction request, or a worker's answer to one.
    /// - Parameter field: the form field, so the message sits next to it.
    public static func parse(_ raw: String?, field: String, what: String) -> Result<String, FieldErrors> {
        let text = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = FieldErrors()
        if text.isEmpty {
            errors.add(field, "Write \(what) before sending.")
        } else if text.count > limit {
            errors.add(field, "Keep it to \(limit) characters; this is \(text.count). You could send the rest separately.")
        }
        return errors.isEmpty ? .success(text) : .failure(errors)
    }
}
