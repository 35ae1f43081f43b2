import Plot

extension String {
    /// Plot escapes text but writes attribute values as given, so every value that can hold
    /// someone's input passes through here first.
    /// Also right for text between tags. Works on UTF-8 bytes, and returns the string untouched
    /// when there is nothing to escape, which is nearly always.
    var attributeEscaped: String {
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: bytes.append(contentsOf: "&amp;".utf8)
            case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
            case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
            case 0x22: bytes.append(contentsOf: "&quot;".utf8)
            case 0x27: bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Component {
    func safeAttribute(_ name: String, _ value: String?) -> Component {
        attribute(named: name, value: value?.attributeEscaped)
    }
}

/// HTML elements Plot does not name.
enum Tag {
    static func main(@ComponentBuilder _ content: @escaping () -> ComponentGroup) -> Component {
        Element(name: "main", content: content)
    }

    static func legend(_ text: String) -> Component {
        Element(name: "legend") { Text(text) }
    }

    /// A table in a box of its own that scrolls sideways when the table is wider than the page
    /// (words are never broken to fit), reachable by keyboard.
    static func scrolling(_ label: String, _ table: Component) -> Component {
        Div { table }.class("table-scroll").safeAttribute("role", "region").safeAttribute("aria-label", label)
            .safeAttribute("tabindex", "0")
    }

    static func strong(_ text: String) -> Component {
        Element(name: "strong") { Text(text) }
    }

    static func code(_ text: String) -> Component {
        Element(name: "code") { Text(text) }
    }

    static func dl(@ComponentBuilder _ content: @escaping () -> ComponentGroup) -> Component {
        Element(name: "dl", content: content)
    }

    static func pair(_ term: String, _ detail: String) -> Component {
        ComponentGroup {
            Element(name: "dt") { Text(term) }
            Element(name: "dd") { Text(detail) }
        }
    }
}
