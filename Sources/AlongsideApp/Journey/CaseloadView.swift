import AlongsideDomain
import Plot
import Vapor

enum CaseloadView {
    enum Scope {
        case mine
        case service

        var title: String { self == .mine ? "Your caseload" : "Relationships across the service" }
        func url(_ stage: String?) -> AppURL { self == .mine ? .caseload(stage: stage) : .serviceRelationships(stage: stage) }
    }

    static func render(_ request: Request, rows: [CaseloadQueries.Row], stage: Stage?, scope: Scope, quietDays: Int) -> Response {
        let now = request.now
        return request.page(scope == .mine ? "Caseload" : "Relationships") {
            H1(scope.title)
            Navigation {
                List([nil] + Stage.allCases.map(Optional.some)) { option in
                    ListItem {
                        if option == stage {
                            Span(option?.displayName ?? "Everyone").class("current").attribute(named: "aria-current", value: "page")
                        } else {
                            Link(option?.displayName ?? "Everyone", url: scope.url(option?.rawValue).path)
                        }
                    }
                }
            }
            .class("filters")
            .attribute(named: "aria-label", value: "Show relationships by stage")
            if rows.isEmpty {
                Paragraph(stage == nil ? "No relationships yet." : "No relationships at this stage right now.")
            } else {
                CaseloadTable(
                    rows: rows, now: now, peer: .linkedName, showWorker: scope == .service,
                    caption: stage.map { "Relationships at \"\($0.displayName)\"" }
                        ?? (scope == .mine ? "All your relationships" : "Every relationship"), quietDays: quietDays)
            }
            Paragraph { Link("Add a peer", url: AppURL.newPeer.path) }
        }
    }
}
