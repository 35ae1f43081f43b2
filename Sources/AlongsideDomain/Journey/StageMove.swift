/// A request to move a relationship to another stage, checked before anything is stored.
public struct StageMove: Sendable, Equatable {
    public static let reasonLimit = 500

    public let to: Stage
    public let initiatedBy: Initiator
    public let reason: String

    public init(to: Stage, initiatedBy: Initiator, reason: String) {
        self.to = to
        self.initiatedBy = initiatedBy
        self.reason = reason.trimmingWhitespace()
    }

    /// Parses the form's raw values; problems are keyed by field.
    public static func parse(to: String?, initiatedBy: String?, reason: String?, from current: Stage?) -> Result<
        (StageMove, StageMachine.Move), FieldErrors
    > {
        var errors = FieldErrors()
        let stage = to.flatMap(Stage.init(rawValue:))
        let initiator = initiatedBy.flatMap(Initiator.init(rawValue:))
        if stage == nil { errors.add("to", "Choose the stage the relationship is moving to.") }
        if initiator == nil { errors.add("initiatedBy", "Say who moved it: the peer, you, or both of you.") }
        let reason = (reason ?? "").trimmingWhitespace()
        if reason.count > reasonLimit { errors.add("reason", "Keep this to \(reasonLimit) characters or fewer (it has \(reason.count)).") }
        var move: StageMachine.Move?
        if let stage {
            switch StageMachine.check(from: current, to: stage) {
            case .success(let kind): move = kind
            case .failure(let refusal): errors.add("to", refusal.description)
            }
        }
        guard errors.isEmpty, let stage, let initiator, let move else { return .failure(errors) }
        return .success((StageMove(to: stage, initiatedBy: initiator, reason: reason), move))
    }
}

extension StageMove {
    /// A move with, when it ends the relationship, how it ended: the one reading of the stage form
    /// and of the API's moves, so both answer with the same messages.
    public static func parse(
        to: String?, initiatedBy: String?, reason: String?, from current: Stage?, endingKind: String?, endingConversation: Bool,
        nextSteps: [String]
    ) -> Result<(StageMove, Ending?), FieldErrors> {
        var errors = FieldErrors()
        var parsed: StageMove?
        switch parse(to: to, initiatedBy: initiatedBy, reason: reason, from: current) {
        case .failure(let problems): errors.merge(problems)
        case .success(let (move, _)): parsed = move
        }
        var ending: Ending?
        if to == Stage.ended.rawValue {
            switch Ending.parse(kind: endingKind, endingConversation: endingConversation, nextSteps: nextSteps) {
            case .failure(let problems): errors.merge(problems)
            case .success(let parsedEnding): ending = parsedEnding
            }
        }
        guard errors.isEmpty, let move = parsed else { return .failure(errors) }
        return .success((move, ending))
    }
}
