import Plot

extension String {
    /// Plot escapes text but writes attribute values as given, so every value that can hold
    /// someone's input passes through here first.
    var attributeEscaped: String {
        var result = ""
        result.reserveCapacity(count)
        for character in self {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
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
