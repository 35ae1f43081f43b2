/// Problems with a submitted form, keyed by field name, each in words a person can act on.
public struct FieldErrors: Error, Sendable, Equatable {
    public private(set) var messages: [String: String] = [:]

    public init() {}

    public var isEmpty: Bool { messages.isEmpty }

    public subscript(field: String) -> String? { messages[field] }

    /// Keeps the first problem found for a field: one clear message beats a list.
    public mutating func add(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }

    public mutating func check(_ field: String, _ problem: String?) {
        if let problem { add(field, problem) }
    }
}
