import Plot

/// A component that writes its own HTML, already escaped.
///
/// Plot reflects over every component it renders, looking for environment values, which Alongside
/// never uses. On the caseload page that reflection cost more than writing the table itself
/// (measured with perf), so the layout writes these components, and the groups that hold them,
/// without asking Plot.
protocol WrittenHTML: Component {
    var html: Markup { get }
}

extension WrittenHTML {
    var body: Component { html.component }
}

enum ContentWriter {
    /// A page's content: groups and written components directly, anything else through Plot.
    static func write(_ component: Component, into html: inout Markup) {
        switch component {
        case let group as ComponentGroup:
            for member in group.members { write(member, into: &html) }
        case let written as any WrittenHTML:
            html += written.html
        default:
            // Plot escapes text, and every attribute of ours goes through `safeAttribute`.
            html += Markup.raw(component.render())
        }
    }
}

/// A few small elements written directly, for the busiest pages.
struct Written: WrittenHTML {
    let html: Markup

    static func heading(_ text: String, level: Int = 1) -> Written {
        Written(html: "<h\(level)>\(text)</h\(level)>")
    }

    static func notice(_ text: String) -> Written {
        Written(html: "<p class=\"notice\" role=\"status\">\(text)</p>")
    }

    static func paragraph(_ text: String) -> Written {
        Written(html: "<p>\(text)</p>")
    }

    /// The opening of a form that posts to one of our addresses, with the session's form token.
    /// `novalidate` leaves a form's problems to our own messages next to each field.
    static func postForm(_ url: AppURL, token: String, class name: String? = nil, novalidate: Bool = true) -> Markup {
        var html: Markup = "<form action=\"\(url)\" method=\"post\""
        if let name { html += " class=\"\(name)\"" }
        if novalidate { html += " novalidate=\"novalidate\"" }
        return html + ">" + CSRFField(token: token).html
    }

    /// The opening of a `<details>` and its summary; open when the form inside has a problem to show.
    static func details(_ summary: String, open: Bool) -> Markup {
        (open ? "<details open=\"open\">" : "<details>") + "<summary>\(summary)</summary>"
    }

    static func paragraph(link text: String, to url: AppURL) -> Written {
        Written(html: "<p><a href=\"\(url)\">\(text)</a></p>")
    }
}
