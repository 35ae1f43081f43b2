import Foundation

/// The moment a peer gives permission to enter their headspace: to talk about what is going on
/// inside, not just what is happening around them. In the stepped model it is the sign that a
/// safe place has been made, so it is recorded as its own event, in the peer's words if they like.
public struct HeadspacePermission: Sendable, Equatable {
    public static let wordsLimit = 500

    public let givenAt: Date
    public let inTheirWords: String

    public init(givenAt: Date, inTheirWords: String) {
        self.givenAt = givenAt
        self.inTheirWords = inTheirWords
    }

    public static func parse(when: String?, words: String?, relationshipBegan: Date, now: Date) -> Result<Self, FieldErrors> {
        var errors = FieldErrors()
        let at = LocalTime.read(when, field: "headspaceAt", unreadable: "Enter when they gave it, as a date and time.", into: &errors)
        if let at, at > now.addingTimeInterval(5 * 60) {
            errors.add("headspaceAt", "That's in the future. Record it once it has happened.")
        } else if let at, at < relationshipBegan.addingTimeInterval(-86_400) {
            errors.add("headspaceAt", "That's before this relationship began (\(DateOnly.text(relationshipBegan))).")
        }
        let text = (words ?? "").trimmingWhitespace()
        if text.count > wordsLimit {
            errors.add("headspaceWords", "Keep this to \(wordsLimit) characters or fewer (it has \(text.count)).")
        }
        guard errors.isEmpty, let at else { return .failure(errors) }
        return .success(HeadspacePermission(givenAt: at, inTheirWords: text))
    }
}
