/// Problems with a submitted form, keyed by field name, each in words a person can act on.
public struct FieldErrors: Error, Sendable, Equatable {
    public private(set) var messages: [String: String] = [:]

    public init() {}

    public init(field: String, _ message: String) {
        messages[field] = message
    }

    public var isEmpty: Bool { messages.isEmpty }

    public subscript(field: String) -> String? { messages[field] }

    /// Keeps the first problem found for a field: one clear message beats a list.
    public mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }

    /// Adds another set of problems, keeping the first message for any field both have.
    public mutating func merge(_ other: FieldErrors) {
        for (field, message) in other.messages { add(field, message) }
    }

    public mutating func check(_ field: String, _ problem: String?) {
        if let problem { add(field, problem) }
    }
}
