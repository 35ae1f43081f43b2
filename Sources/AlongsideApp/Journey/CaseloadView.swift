import AlongsideDomain
import Plot
import Vapor

enum CaseloadView {
    /// The service-wide list comes a page at a time, with the workers whose relationships could be handed over.
    struct ServicePaging {
        let page: Int
        let hasMore: Bool
        let leaving: [(id: UUID, name: String)]
        /// How many plans, check-ins and concerns there are: a coordinator sees counts, never content.
        let counts: ConcernQueries.Counts
    }

    enum Scope {
        case mine
        case service

        var title: String { self == .mine ? "Your caseload" : "Relationships across the service" }
        func url(_ stage: String?, _ sort: String? = nil) -> AppURL {
            self == .mine ? .caseload(stage: stage, sort: sort) : .serviceRelationships(stage: stage, sort: sort)
        }
    }

    static func render(
        _ viewer: Viewer, rows: [CaseloadQueries.Row], stage: Stage?, order: CaseloadQueries.Order = .recent, scope: Scope,
        quietDays: Int, notice: String? = nil, service: ServicePaging? = nil
    ) -> Response {
        let now = viewer.now
        return viewer.page(scope == .mine ? "Caseload" : "Relationships") {
            Written.heading(scope.title)
            if let notice { Written.notice(notice) }
            StageFilters(current: stage, url: { scope.url($0, order == .recent ? nil : order.rawValue) })
            SortChoices(current: order, url: { scope.url(stage?.rawValue, $0 == .recent ? nil : $0.rawValue) })
            if rows.isEmpty {
                Written.paragraph(stage == nil ? "No relationships yet." : "No relationships at this stage right now.")
            } else {
                CaseloadTable(
                    rows: rows, now: now, peer: .linkedName, showWorker: scope == .service,
                    caption: stage.map { "Relationships at \"\($0.displayName)\"" }
                        ?? (scope == .mine ? "All your relationships" : "Every relationship"), quietDays: quietDays)
            }
            if let service {
                if service.page > 1 || service.hasMore {
                    Navigation {
                        List {
                            if service.page > 1 {
                                ListItem {
                                    Link("Previous \(CaseloadQueries.Page.size)", url: pageURL(service.page - 1, stage, order).path)
                                }
                            }
                            if service.hasMore {
                                ListItem { Link("Next \(CaseloadQueries.Page.size)", url: pageURL(service.page + 1, stage, order).path) }
                            }
                        }
                    }
                    .class("pager")
                    .safeAttribute("aria-label", "More relationships")
                }
                H2("Plans, check-ins and concerns across the service")
                Paragraph("Counts only: what is written in them stays with each peer and their worker.").class("hint")
                Tag.dl {
                    Tag.pair("Moving-towards plans", String(service.counts.towardsPlans))
                    Tag.pair(
                        "Safety plans", "\(service.counts.safetyPlans), of which \(service.counts.agreedSafetyPlans) agreed by the peer")
                    Tag.pair("Mutuality check-ins", String(service.counts.checkIns))
                    Tag.pair(
                        "Open concern conversations",
                        "\(service.counts.openConcerns), of which \(service.counts.escalatedOpenConcerns) escalated")
                }
                .class("service-counts")
                if !service.leaving.isEmpty {
                    H2("When someone leaves")
                    Paragraph("Hand all of a peer worker's relationships to colleagues at once, choosing who carries on with each peer.")
                        .class("hint")
                    List(service.leaving) { worker in
                        ListItem { Link("Hand over all of \(worker.name)'s relationships", url: AppURL.bulkHandover(worker.id).path) }
                    }
                }
            }
            Written.paragraph(link: "Add a peer", to: .newPeer)
        }
    }
}

/// Links to show relationships at one stage, or everyone; the current choice is marked.
struct StageFilters: WrittenHTML {
    let current: Stage?
    let url: (String?) -> AppURL

    var html: Markup {
        var html: Markup = "<nav class=\"filters\" aria-label=\"Show relationships by stage\"><ul>"
        for option in [nil] + Stage.allCases.map(Optional.some) {
            let label = option?.displayName ?? "Everyone"
            html +=
                option == current
                ? "<li><span class=\"current\" aria-current=\"page\">\(label)</span></li>"
                : "<li><a href=\"\(url(option?.rawValue))\">\(label)</a></li>"
        }
        return html + "</ul></nav>"
    }
}

private func pageURL(_ page: Int, _ stage: Stage?, _ order: CaseloadQueries.Order) -> AppURL {
    .serviceRelationships(stage: stage?.rawValue, sort: order == .recent ? nil : order.rawValue, page: page)
}

/// The orders a caseload can be read in; the current one is marked.
struct SortChoices: WrittenHTML {
    let current: CaseloadQueries.Order
    let url: (CaseloadQueries.Order) -> AppURL

    var html: Markup {
        var html: Markup = "<nav class=\"filters\" aria-label=\"Sort relationships\"><ul><li>Sort:</li>"
        for option in CaseloadQueries.Order.allCases {
            html +=
                option == current
                ? "<li><span class=\"current\" aria-current=\"true\">\(option.label)</span></li>"
                : "<li><a href=\"\(url(option))\">\(option.label)</a></li>"
        }
        return html + "</ul></nav>"
    }
}
