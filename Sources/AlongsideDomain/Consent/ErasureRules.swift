import Foundation

/// What an erasure request does: erase everything, or, where the service must keep records for a
/// retention period, keep them without anything that identifies the peer or anything they said.
public enum ErasureRules {
    public enum Outcome: String, Sendable, Equatable {
        case erase
        case anonymise

        public var plainWords: String {
            switch self {
            case .erase: "Everything held about them is deleted."
            case .anonymise:
                "The service must keep its records for now, so their name, contact details and profile are removed, every piece of free text is replaced with “[erased]”, and the rest (dates and stages) stays, with no way back to them."
            }
        }
    }

    public static let replacement = "[erased]"
    public static let retentionYearsRange = 0...30

    /// - Parameters:
    ///   - retentionYears: the service's retention period; 0 when it keeps nothing once asked.
    ///   - lastEnded: when the peer's last relationship ended.
    public static func outcome(retentionYears: Int, lastEnded: Date?, now: Date) -> Outcome {
        guard retentionYears > 0, let lastEnded else { return .erase }
        let keptUntil = lastEnded.addingTimeInterval(Double(retentionYears) * 365.25 * 86_400)
        return now < keptUntil ? .anonymise : .erase
    }

    /// Nothing is erased while someone is still walking alongside the peer.
    public static func refusal(openRelationshipWith worker: String?) -> String? {
        worker.map {
            "Their relationship with \($0) is still open. It must end first (their peer worker moves it to “Ended”, saying the peer asked), then their record can be erased."
        }
    }

    /// How the peer asked: an erasure is only ever done at their request, and the audit trail says how it came.
    public enum Asked: String, Sendable, CaseIterable {
        case inWriting = "in-writing"
        case inPerson = "in-person"
        case byPhone = "by-phone"

        public var plainWords: String {
            switch self {
            case .inWriting: "In writing (a letter, an email, a form)"
            case .inPerson: "In person"
            case .byPhone: "By phone"
            }
        }
    }

    /// The coordinator confirms by typing the peer's name as the record shows it.
    public static func confirm(_ typed: String?, name: String) -> FieldErrors? {
        let typed = (typed ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return typed == name
            ? nil : FieldErrors(field: "confirm", "Type their name exactly as shown (\(name)) to confirm. This can't be undone.")
    }

    public static func parseRetention(_ raw: String?) -> Result<Int, FieldErrors> {
        guard let years = Int((raw ?? "").trimmingWhitespace()), retentionYearsRange.contains(years) else {
            return .failure(
                FieldErrors(
                    field: "retentionYears",
                    "Enter a number of years from \(retentionYearsRange.lowerBound) to \(retentionYearsRange.upperBound) (0 keeps nothing once a peer asks)."
                ))
        }
        return .success(years)
    }
}
