import Foundation

/// One recorded move between stages. The store keeps these as an append-only log; everything
/// else about the journey is derived from them.
public struct StageTransition: Sendable, Equatable {
    public let from: Stage?
    public let to: Stage
    public let at: Date
    public let initiatedBy: Initiator

    public init(from: Stage?, to: Stage, at: Date, initiatedBy: Initiator) {
        self.from = from
        self.to = to
        self.at = at
        self.initiatedBy = initiatedBy
    }
}

/// What the transition log says about a relationship: where it is, how long it has been there,
/// how long it spent in each stage, and how often it stepped back.
public struct Journey: Sendable, Equatable {
    public let transitions: [StageTransition]

    /// - Parameter transitions: in the order they happened.
    public init(_ transitions: [StageTransition]) {
        self.transitions = transitions.sorted { $0.at < $1.at }
    }

    public var currentStage: Stage? { transitions.last?.to }

    public var began: Date? { transitions.first?.at }

    public func timeInCurrentStage(now: Date) -> TimeInterval? {
        transitions.last.map { now.timeIntervalSince($0.at) }
    }

    public var stepBacks: Int {
        transitions.filter { Self.isStepBack(from: $0.from, to: $0.to) }.count
    }

    /// A move back to an earlier stage; ending is never a step back.
    public static func isStepBack(from: Stage?, to: Stage) -> Bool {
        guard let from, to != .ended else { return false }
        return to.order < from.order
    }

    /// Total time spent in each stage; an ended relationship stops the clock at its ending.
    public func timeInEachStage(now: Date) -> [Stage: TimeInterval] {
        var totals: [Stage: TimeInterval] = [:]
        for (index, transition) in transitions.enumerated() where transition.to != .ended {
            let until = index + 1 < transitions.count ? transitions[index + 1].at : now
            totals[transition.to, default: 0] += until.timeIntervalSince(transition.at)
        }
        return totals
    }
}
