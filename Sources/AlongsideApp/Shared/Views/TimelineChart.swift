import AlongsideDomain
import Foundation
import Plot

/// The journey as a small SVG drawn on the server: stages as bands, conversations as dots, and a
/// dashed marker where the relationship stepped back. Colours come from attributes, not inline
/// styles, so the Content-Security-Policy can stay strict. Written as text: a long relationship
/// draws hundreds of dots.
struct TimelineChart: WrittenHTML {
    let timeline: JourneyTimeline
    let summary: String

    static let width = 320.0

    static func colour(_ stage: Stage) -> String {
        switch stage {
        case .safePlace: "#8cc1b1"
        case .workingPartnership: "#2f6f5e"
        case .steppingOut: "#e0a53b"
        case .ended: "#999999"
        }
    }

    /// One decimal place, as the chart needs, as `String(format: "%.1f")` writes it but without
    /// going through `printf` for every dot.
    static func number(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return String(format: "%.1f", value) }
        let magnitude = abs(value)
        let scaled = magnitude * 10
        var tenths = scaled.rounded(.toNearestOrEven)
        // Exactly halfway after the multiplication: the product's rounding error says which way
        // the exact value lies, as printf decides.
        if scaled - scaled.rounded(.down) == 0.5 {
            let error = (-scaled).addingProduct(magnitude, 10)
            if error > 0 { tenths = scaled.rounded(.up) } else if error < 0 { tenths = scaled.rounded(.down) }
        }
        let whole = Int(tenths)
        return "\(value.sign == .minus ? "-" : "")\(whole / 10).\(whole % 10)"
    }

    var html: Markup {
        var svg: Markup =
            ##"<svg class="timeline" viewBox="0 0 320 60" role="img" aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">"##
        svg += ##"<title id="timeline-title">\##(summary)</title>"##
        svg += ##"<rect x="0" y="14" width="320" height="24" fill="#eeeeea"/>"##
        for band in timeline.bands {
            svg +=
                "<rect x=\"\(Self.number(band.x))\" y=\"14\" width=\"\(Self.number(max(band.width, 1)))\" height=\"24\" fill=\"\(Self.colour(band.stage))\"/>"
        }
        for x in timeline.stepBacks {
            svg +=
                "<line x1=\"\(Self.number(x))\" y1=\"6\" x2=\"\(Self.number(x))\" y2=\"46\" stroke=\"#a12a1d\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>"
            svg += "<path d=\"M\(Self.number(x)) 6 l-4 -5 h8 z\" fill=\"#a12a1d\"/>"
        }
        if let x = timeline.headspace {
            svg += "<path d=\"M\(Self.number(x)) 2 l5 5 l-5 5 l-5 -5 z\" fill=\"#5b3f8c\"/>"
        }
        for x in timeline.conversationMarks {
            svg += "<circle cx=\"\(Self.number(x))\" cy=\"52\" r=\"2.5\" fill=\"#1d2724\"/>"
        }
        svg += "</svg>"
        var html: Markup = "<div class=\"timeline-figure\">" + svg + "<ul class=\"timeline-legend\">"
        for stage in Stage.allCases where stage != .ended {
            html += "<li><span class=\"swatch swatch-\(stage.rawValue)\" aria-hidden=\"true\"></span>\(stage.displayName)</li>"
        }
        let headspace = timeline.headspace == nil ? "." : "; the purple diamond is when permission was given to enter their headspace."
        return html + "</ul><p class=\"hint\">Dots are conversations; a dashed red line is a step back\(headspace)</p></div>"
    }
}
