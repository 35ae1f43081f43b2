import Foundation

/// Mutuality check-ins: after a conversation, the peer and the peer worker each say how it was
/// for them, on the same reciprocal items. The items are data (`mutuality-items.json`), so a
/// service can word them its own way without a code change.
public struct MutualityItems: Sendable, Equatable, Decodable {
    public struct Item: Sendable, Equatable, Decodable {
        public let key: String
        public let wording: String

        public init(key: String, wording: String) {
            self.key = key
            self.wording = wording
        }
    }

    /// The five points, from 1 to 5, in words.
    public let scale: [String]
    public let items: [Item]

    public init(scale: [String], items: [Item]) {
        self.scale = scale
        self.items = items
    }

    public static func decode(_ data: Data) throws -> MutualityItems {
        let decoded = try JSONDecoder().decode(MutualityItems.self, from: data)
        guard decoded.scale.count == CheckInAnswers.points.count, !decoded.items.isEmpty,
            Set(decoded.items.map(\.key)).count == decoded.items.count
        else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "Five scale points and unique item keys"))
        }
        return decoded
    }

    public static func bundled() throws -> MutualityItems {
        guard let url = Bundle.module.url(forResource: "mutuality-items", withExtension: "json", subdirectory: "Resources") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try decode(Data(contentsOf: url))
    }
}

/// Which of the two people is answering. A peer may answer at their own login or on their
/// worker's device, beside them; either way it is the peer's answer.
public enum Respondent: String, CaseIterable, Sendable {
    case peer
    case worker
}

public struct CheckInAnswers: Sendable, Equatable {
    public static let points = 1...5
    public static let lineLimit = 300

    /// Item key to a point on the scale. Items left unanswered are absent.
    public let scores: [String: Int]
    public let line: String

    public init(scores: [String: Int], line: String) {
        self.scores = scores
        self.line = line
    }

    /// The average of the answered items, for the trend line.
    public var mean: Double {
        scores.isEmpty ? 0 : Double(scores.values.reduce(0, +)) / Double(scores.count)
    }

    public static func field(_ item: MutualityItems.Item) -> String { "item-" + item.key }

    public static func parse(_ fields: [String: String], items: MutualityItems) -> Result<Self, FieldErrors> {
        var errors = FieldErrors()
        var scores: [String: Int] = [:]
        for item in items.items {
            let raw = (fields[field(item)] ?? "").trimmingWhitespace()
            if raw.isEmpty { continue }
            if let value = Int(raw), points.contains(value) {
                scores[item.key] = value
            } else {
                errors.add(
                    field(item), "Choose a point from \(points.lowerBound) to \(points.upperBound) for “\(item.wording)”, or leave it.")
            }
        }
        let line = PlanText.clean(fields["line"])
        if let problem = PlanText.tooLong(line, limit: lineLimit) { errors.add("line", problem) }
        if errors.isEmpty, scores.isEmpty, line.isEmpty {
            errors.add(items.items.first.map(field) ?? "line", "Answer at least one item, or write a line, before saving.")
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(CheckInAnswers(scores: scores, line: line))
    }

    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(scores)) ?? Data("{}".utf8), as: UTF8.self)
    }

    public static func decodeScores(_ text: String) -> [String: Int] {
        (try? JSONDecoder().decode([String: Int].self, from: Data(text.utf8))) ?? [:]
    }
}

/// Both people's answers over time, one point per check-in, for the chart on the relationship page.
public struct MutualityTrend: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public let at: Date
        public let mean: Double

        public init(at: Date, mean: Double) {
            self.at = at
            self.mean = mean
        }
    }

    public let peer: [Point]
    public let worker: [Point]

    public init(peer: [Point], worker: [Point]) {
        self.peer = peer.sorted { $0.at < $1.at }
        self.worker = worker.sorted { $0.at < $1.at }
    }

    public var isEmpty: Bool { peer.isEmpty && worker.isEmpty }
}

/// What anyone beyond the two people may see: averages over at least five relationships, or
/// nothing, so that no one peer's answers can be picked out. Each side counts on its own: five
/// relationships where only one peer answered must not show that peer's answers as "the average".
public struct MutualitySummary: Sendable, Equatable {
    public static let minimumRelationships = 5

    public struct Average: Sendable, Equatable {
        public let relationships: Int
        public let mean: Double
    }

    public let peers: Average?
    public let workers: Average?

    /// - Parameter answers: each check-in as (relationship, respondent, mean of its answers).
    public static func summarise(_ answers: [(relationship: UUID, respondent: Respondent, mean: Double)]) -> MutualitySummary? {
        func average(_ who: Respondent) -> Average? {
            let theirs = answers.filter { $0.respondent == who }
            let relationships = Set(theirs.map(\.relationship)).count
            guard relationships >= minimumRelationships else { return nil }
            return Average(relationships: relationships, mean: theirs.map(\.mean).reduce(0, +) / Double(theirs.count))
        }
        let peers = average(.peer)
        let workers = average(.worker)
        guard peers != nil || workers != nil else { return nil }
        return MutualitySummary(peers: peers, workers: workers)
    }
}
