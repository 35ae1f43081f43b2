import Foundation

/// Where things sit on a relationship's timeline: a band for each stretch of a stage, a mark for
/// each conversation, and a marker wherever the relationship stepped back. Pure geometry, so the
/// picture can be tested without drawing it.
public struct JourneyTimeline: Sendable, Equatable {
    public struct Band: Sendable, Equatable {
        public let stage: Stage
        public let x: Double
        public let width: Double

        public init(stage: Stage, x: Double, width: Double) {
            self.stage = stage
            self.x = x
            self.width = width
        }
    }

    public let width: Double
    public let bands: [Band]
    public let conversationMarks: [Double]
    public let stepBacks: [Double]
    /// Where the peer gave permission to enter their headspace, if they have.
    public let headspace: Double?

    public init(journey: Journey, conversations: [Date], now: Date, width: Double, headspaceGiven: Date? = nil) {
        self.width = width
        guard let began = journey.began else {
            bands = []
            conversationMarks = []
            stepBacks = []
            headspace = nil
            return
        }
        let ended = journey.currentStage == .ended ? journey.transitions.last?.at ?? now : now
        let span = max(ended.timeIntervalSince(began), 1)
        func x(_ date: Date) -> Double { min(max(date.timeIntervalSince(began) / span, 0), 1) * width }
        var bands: [Band] = []
        var steps: [Double] = []
        for (index, transition) in journey.transitions.enumerated() where transition.to != .ended {
            let until = index + 1 < journey.transitions.count ? journey.transitions[index + 1].at : ended
            bands.append(Band(stage: transition.to, x: x(transition.at), width: max(x(until) - x(transition.at), 0)))
            if let from = transition.from, transition.to.order < from.order { steps.append(x(transition.at)) }
        }
        self.bands = bands
        stepBacks = steps
        conversationMarks = conversations.filter { $0 >= began && $0 <= ended }.map(x).sorted()
        headspace = headspaceGiven.map(x)
    }
}
