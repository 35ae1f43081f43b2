import AlongsideDomain
import Plot
import Vapor

enum SearchView {
    static func render(
        _ viewer: Viewer, typed: String, results: [SearchQueries.Found]?, wholeService: Bool, errors: FieldErrors,
        status: HTTPResponseStatus = .ok
    ) -> Response {
        viewer.page("Find a peer", status: status) {
            Written.heading("Find a peer")
            ErrorSummary(errors: errors, fields: [("q", "Name")])
            Form(url: AppURL.search(query: nil).path, method: .get) {
                FormField(
                    label: "Name", name: "q", type: .search, value: typed, error: errors["q"],
                    hint: wholeService
                        ? "Anyone in the service, by the name they go by. Accents and capitals don't matter."
                        : "The peers you walk alongside, by the name they go by. Accents and capitals don't matter.",
                    autocomplete: "off", maxLength: SearchKey.queryLimit)
                Button("Search").safeAttribute("type", "submit")
            }
            .safeAttribute("role", "search")
            if let results {
                if results.isEmpty {
                    Paragraph("Nobody found by that name.").safeAttribute("role", "status")
                } else {
                    Paragraph(
                        results.count > SearchQueries.limit
                            ? "The first \(SearchQueries.limit) found: add more of the name to narrow it down."
                            : "\(results.count) found."
                    )
                    .safeAttribute("role", "status")
                    List(results.prefix(SearchQueries.limit)) { found in
                        ListItem {
                            Link(found.peerName, url: AppURL.relationship(found.relationshipID).path)
                            if !found.pronouns.isEmpty { Text(" (\(found.pronouns))") }
                            Text(" · \(found.stage.displayName)")
                            if wholeService { Text(" · with \(found.workerName)") }
                        }
                    }
                    .class("search-results")
                }
            }
        }
    }
}
