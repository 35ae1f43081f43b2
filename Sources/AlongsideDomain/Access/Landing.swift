/// Which role's work a person lands on after signing in: the one they last chose, if they still
/// hold it, or else the one whose work is most often waiting.
public enum Landing {
    static let order: [Role] = [.peerWorker, .coordinator, .supervisor, .admin, .peer, .clinician, .evaluator]

    public static func role(holding roles: Set<Role>, chosen: Role?) -> Role? {
        if let chosen, roles.contains(chosen) { return chosen }
        return order.first(where: roles.contains)
    }

    /// The roles someone may switch between, in a steady order.
    public static func choices(holding roles: Set<Role>) -> [Role] { order.filter(roles.contains) }
}
