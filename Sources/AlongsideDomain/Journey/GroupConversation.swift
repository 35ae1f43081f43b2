import Foundation

/// Who else was there when a conversation was a group: other peers from the same worker's
/// caseload. Each gets their own copy of the note, so each reads only what concerns them.
public enum GroupConversation {
    public static let field = "others"

    /// - Parameters:
    ///   - others: relationship ids as the form sent them
    ///   - eligible: the worker's other relationships that are still going
    public static func parse(others: [String], mode: ConversationMode?, eligible: Set<UUID>) -> Result<[UUID], FieldErrors> {
        let ids = others.compactMap(UUID.init(uuidString:))
        var errors = FieldErrors()
        if ids.count != others.count || !Set(ids).isSubset(of: eligible) {
            errors.add(field, "One of those peers isn't in your caseload any more. Check the list and try again.")
        } else if !ids.isEmpty, mode != .group {
            errors.add(field, "You've ticked others who were there: choose \"Group\" as how you talked, or untick them.")
        }
        return errors.isEmpty ? .success(Array(Set(ids)).sorted { $0.uuidString < $1.uuidString }) : .failure(errors)
    }
}
