import AlongsideDomain
import Foundation
import Plot

/// The journey as a small SVG drawn on the server: stages as bands, conversations as dots, and a
/// dashed marker where the relationship stepped back. Colours come from attributes, not inline
/// styles, so the Content-Security-Policy can stay strict.
struct TimelineChart: Component {
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

    var body: Component {
        var svg =
            ##"<svg class="timeline" viewBox="0 0 320 60" role="img" aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">"##
        svg += ##"<title id="timeline-title">\##(summary.attributeEscaped)</title>"##
        svg += ##"<rect x="0" y="14" width="320" height="24" fill="#eeeeea"/>"##
        for band in timeline.bands {
            svg += String(
                format: ##"<rect x="%.1f" y="14" width="%.1f" height="24" fill="%@"/>"##, band.x, max(band.width, 1),
                Self.colour(band.stage))
        }
        for x in timeline.stepBacks {
            svg += String(
                format: ##"<line x1="%.1f" y1="6" x2="%.1f" y2="46" stroke="#a12a1d" stroke-width="2" stroke-dasharray="3 2"/>"##, x, x)
            svg += String(format: ##"<path d="M%.1f 6 l-4 -5 h8 z" fill="#a12a1d"/>"##, x)
        }
        if let x = timeline.headspace {
            svg += String(format: ##"<path d="M%.1f 2 l5 5 l-5 5 l-5 -5 z" fill="#5b3f8c"/>"##, x)
        }
        for x in timeline.conversationMarks {
            svg += String(format: ##"<circle cx="%.1f" cy="52" r="2.5" fill="#1d2724"/>"##, x)
        }
        svg += "</svg>"
        return Div {
            Node<HTML.BodyContext>.raw(svg)
            List(Stage.allCases.filter { $0 != .ended }) { stage in
                ListItem {
                    Span("").class("swatch swatch-\(stage.rawValue)").attribute(named: "aria-hidden", value: "true")
                    Text(stage.displayName)
                }
            }
            .class("timeline-legend")
            Paragraph(
                "Dots are conversations; a dashed red line is a step back"
                    + (timeline.headspace == nil ? "." : "; the purple diamond is when permission was given to enter their headspace.")
            )
            .class("hint")
        }
        .class("timeline-figure")
    }
}
