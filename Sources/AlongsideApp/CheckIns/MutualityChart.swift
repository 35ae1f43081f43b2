import AlongsideDomain
import Plot

/// Both people's check-ins as two lines on one small chart, with a text summary for screen
/// readers and anyone who'd rather read than look.
struct MutualityChart: WrittenHTML {
    let trend: MutualityTrend
    let peerName: String
    let workerName: String

    static let width = 320.0
    static let height = 150.0

    var html: Markup {
        guard !trend.isEmpty else {
            return "<p class=\"hint\">No check-ins yet. After a conversation, each of you can say how it was.</p>"
        }
        let all = trend.peer + trend.worker
        let first = all.map(\.at).min()!.timeIntervalSince1970
        let last = all.map(\.at).max()!.timeIntervalSince1970
        let left = 28.0
        let right = Self.width - 8
        let top = 10.0
        let bottom = Self.height - 22
        func x(_ point: MutualityTrend.Point) -> Double {
            last == first ? (left + right) / 2 : left + (point.at.timeIntervalSince1970 - first) / (last - first) * (right - left)
        }
        func y(_ point: MutualityTrend.Point) -> Double { bottom - (point.mean - 1) / 4 * (bottom - top) }
        func coordinates(_ points: [MutualityTrend.Point]) -> String {
            points.map { "\(Self.format(x($0))),\(Self.format(y($0)))" }.joined(separator: " ")
        }
        let summary =
            "How conversations felt, from 1 (not at all) to 5 (completely). \(peerName): \(Self.describe(trend.peer)). \(workerName): \(Self.describe(trend.worker))."
        var svg: Markup =
            "<figure class=\"mutuality\"><svg viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\" aria-label=\"\(summary)\">"
        for level in 1...5 {
            let lineY = bottom - Double(level - 1) / 4 * (bottom - top)
            svg +=
                "<line x1=\"\(Self.format(left))\" x2=\"\(Self.format(right))\" y1=\"\(Self.format(lineY))\" y2=\"\(Self.format(lineY))\" class=\"grid\"/>"
            svg += "<text x=\"4\" y=\"\(Self.format(lineY + 4))\" class=\"axis\">\(level)</text>"
        }
        if trend.peer.count > 1 { svg += "<polyline points=\"\(coordinates(trend.peer))\" class=\"peer-line\"/>" }
        if trend.worker.count > 1 { svg += "<polyline points=\"\(coordinates(trend.worker))\" class=\"worker-line\"/>" }
        for point in trend.peer {
            svg += "<circle cx=\"\(Self.format(x(point)))\" cy=\"\(Self.format(y(point)))\" r=\"4\" class=\"peer-dot\"/>"
        }
        for point in trend.worker {
            svg +=
                "<rect x=\"\(Self.format(x(point) - 4))\" y=\"\(Self.format(y(point) - 4))\" width=\"8\" height=\"8\" class=\"worker-dot\"/>"
        }
        svg += "</svg><figcaption><span class=\"key-peer\">● \(peerName)</span> "
        svg += "<span class=\"key-worker\">■ \(workerName)</span><br/>\(summary)</figcaption></figure>"
        return svg
    }

    static func format(_ value: Double) -> String { String(Double(Int(value * 10)) / 10) }

    static func describe(_ points: [MutualityTrend.Point]) -> String {
        guard let latest = points.last else { return "no check-ins yet" }
        let average = points.map(\.mean).reduce(0, +) / Double(points.count)
        return "\(points.count) check-in\(points.count == 1 ? "" : "s"), average \(format(average)), latest \(format(latest.mean))"
    }
}
