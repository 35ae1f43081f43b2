/// The rules for moving a relationship between stages. Any move is allowed except these:
/// a relationship starts by creating a safe place, nothing moves on from an ending, and a move
/// must change the stage.
public enum StageMachine {
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        case mustStartWithSafePlace
        case alreadyEnded
        case sameStage(Stage)

        public var description: String {
            switch self {
            case .mustStartWithSafePlace:
                "A relationship begins by creating a safe place."
            case .alreadyEnded:
                "This relationship has ended. To work together again, start a new relationship: it will link to this one."
            case .sameStage(let stage):
                "The relationship is already at \"\(stage.displayName)\"."
            }
        }
    }

    /// The kind of move, so a step back can be shown as the ordinary thing it is.
    public enum Move: Equatable, Sendable {
        case start
        case forward
        case back
        case end
    }

    /// - Parameter current: the stage now, or nil for a relationship not yet begun.
    public static func check(from current: Stage?, to next: Stage) -> Result<Move, Refusal> {
        guard let current else {
            return next == .safePlace ? .success(.start) : .failure(.mustStartWithSafePlace)
        }
        if current == .ended { return .failure(.alreadyEnded) }
        if current == next { return .failure(.sameStage(next)) }
        if next == .ended { return .success(.end) }
        return .success(next.order > current.order ? .forward : .back)
    }
}
