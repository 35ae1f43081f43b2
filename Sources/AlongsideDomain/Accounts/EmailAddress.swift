/// An email address as people type it, normalised (trimmed, lower-cased) and checked for shape.
public struct EmailAddress: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let value: String
    public var description: String { value }

    public init?(_ raw: String) {
        guard Self.problem(with: raw) == nil else { return nil }
        value = raw.trimmingWhitespace().lowercased()
    }

    /// Why the input is not a usable email address, or nil when it is.
    public static func problem(with raw: String) -> String? {
        let text = raw.trimmingWhitespace()
        if text.isEmpty { return "Enter an email address." }
        if text.count > Limits.emailMaxLength {
            return "An email address can be at most \(Limits.emailMaxLength) characters."
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let shapeMessage = "Enter an email address like name@example.org."
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
            !local.isEmpty, domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."),
            !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
        else { return shapeMessage }
        return nil
    }
}

extension String {
    public func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
