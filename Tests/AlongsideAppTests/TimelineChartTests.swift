import Foundation
import Testing

@testable import AlongsideApp

/// The chart writes its numbers without printf; they must read exactly as printf wrote them.
@Suite struct TimelineChartTests {
    @Test func numbersReadAsPrintfWritesThem() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 0.05, 0.15, 0.25, 0.35, 1.05, 2.45, 319.95, 320, -0.04, -1.25, 1e14 + 0.05, 12.3456]
        for _ in 0..<20_000 { values.append(Double.random(in: -400...400, using: &generator)) }
        for _ in 0..<5_000 { values.append(Double(Int.random(in: -8_000...8_000, using: &generator)) / 20) }
        for value in values {
            #expect(TimelineChart.number(value) == String(format: "%.1f", value), "\(value)")
        }
    }
}
