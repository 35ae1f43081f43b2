import Plot

/// Hand-written HTML. Everything interpolated into it is escaped unless the code says
/// `\(raw: …)`, so that a name someone chose for themselves can never become markup; grep for
/// `raw:` to find every place trusted markup goes in.
///
/// Pages written as text (the caseload, long forms) are built from this instead of `String`,
/// and `MarkupSafetyTests` refuses escaping by hand or Plot's unescaped attribute path.
struct Markup: ExpressibleByStringInterpolation, Sendable, Equatable {
    fileprivate(set) var text: String

    init() { text = "" }

    init(stringLiteral value: String) { text = value }

    init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    /// Markup from somewhere that is trusted to have written it: another `Markup`, or code.
    static func raw(_ trusted: String) -> Markup {
        var markup = Markup()
        markup.text = trusted
        return markup
    }

    mutating func reserveCapacity(_ capacity: Int) { text.reserveCapacity(capacity) }

    static func += (lhs: inout Markup, rhs: Markup) { lhs.text += rhs.text }

    static func + (lhs: Markup, rhs: Markup) -> Markup {
        var joined = lhs
        joined.text += rhs.text
        return joined
    }

    var isEmpty: Bool { text.isEmpty }

    /// As a Plot component, for pages that mix the two.
    var component: Component { Node<HTML.BodyContext>.raw(text) }

    struct Interpolation: StringInterpolationProtocol {
        fileprivate var text: String

        init(literalCapacity: Int, interpolationCount: Int) {
            text = ""
            text.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        mutating func appendLiteral(_ literal: String) { text += literal }

        /// Anyone's words: escaped for text and for quoted attribute values alike.
        mutating func appendInterpolation(_ value: String) { text += value.attributeEscaped }

        mutating func appendInterpolation(_ value: Substring) { text += String(value).attributeEscaped }

        mutating func appendInterpolation(_ value: String?) { text += (value ?? "").attributeEscaped }

        mutating func appendInterpolation(_ value: Int) { text += String(value) }

        mutating func appendInterpolation(_ value: Double) { text += String(value) }

        mutating func appendInterpolation(_ value: Markup) { text += value.text }

        /// An address of ours: built from identifiers, escaped all the same.
        mutating func appendInterpolation(_ url: AppURL) { text += url.path.attributeEscaped }

        /// Trusted markup, written by code. Every use is a place to review.
        mutating func appendInterpolation(raw trusted: String) { text += trusted }
    }
}

extension Markup: CustomStringConvertible {
    var description: String { text }
}
