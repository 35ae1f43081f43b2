import AlongsideDomain
import Plot
import Vapor

/// The one document shell every page shares: skip link, header with a navigation that shows
/// each person only what the policy lets them use, the main landmark, and a footer.
struct PageLayout {
    let title: String
    let session: SignedInSession?
    let content: Component

    func render() -> String {
        let document = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(title) · Alongside"),
                .link(.rel(.stylesheet), .href(AppURL.stylesheet.path)),
                .link(.rel(.icon), .href(AppURL.icon.path), .attribute(named: "type", value: "image/svg+xml"))
            ),
            .body {
                Link("Skip to main content", url: "#main").class("skip-link")
                Header {
                    Div {
                        Link("Alongside", url: session == nil ? AppURL.frontDoor.path : AppURL.home.path).class("brand")
                        if let session {
                            Span(session.organisationName).class("organisation")
                        }
                    }
                    .class("masthead")
                    if let session {
                        Navigation {
                            List(Self.navigation(for: session)) { item in
                                Link(item.label, url: item.url.path)
                            }
                            Form(url: AppURL.signOut.path, method: .post) {
                                CSRFField(token: session.csrfToken)
                                Button("Sign out").attribute(named: "type", value: "submit").class("link-button")
                            }
                            .class("sign-out")
                        }
                        .attribute(named: "aria-label", value: "Main")
                    }
                }
                .class("site-header")
                Tag.main { content }
                    .id("main")
                    .attribute(named: "tabindex", value: "-1")
                Footer {
                    Paragraph("Alongside: software for peer support, built with the people who use it.")
                }
                .class("site-footer")
            }
        )
        return document.render()
    }

    struct NavigationItem {
        let label: String
        let url: AppURL
        let action: Action
    }

    static func navigation(for session: SignedInSession) -> [NavigationItem] {
        let items = [
            NavigationItem(label: "Home", url: .home, action: .viewHome),
            NavigationItem(label: "My journey", url: .portal, action: .viewOwnRecord),
            NavigationItem(label: "Caseload", url: .caseload(stage: nil), action: .viewCaseload),
            NavigationItem(label: "Relationships", url: .serviceRelationships(stage: nil), action: .viewServiceRelationships),
            NavigationItem(label: "Supervision", url: .supervision, action: .viewSupervision),
            NavigationItem(label: "Supervision links", url: .supervisionLinks, action: .manageSupervision),
            NavigationItem(label: "Add a peer", url: .newPeer, action: .createPeer),
            NavigationItem(label: "Accounts", url: .accounts, action: .listAccounts),
            NavigationItem(label: "Service settings", url: .serviceSettings, action: .changeServiceSettings),
            NavigationItem(label: "Audit trail", url: .auditTrail(page: nil), action: .viewAuditTrail),
            NavigationItem(label: "Calendar", url: .calendarSettings, action: .manageCalendarFeed),
            NavigationItem(label: "Password", url: .changePassword, action: .changeOwnPassword),
        ]
        let resource = Resource(kind: .site, organisationID: session.actor.organisationID)
        return items.filter { AccessPolicy.decide(.signedIn(session.actor), $0.action, resource).isAllowed }
    }
}

extension Request {
    /// Renders a page in the shared layout. Pages with personal data must never be cached.
    func page(_ title: String, status: HTTPResponseStatus = .ok, @ComponentBuilder content: @escaping () -> ComponentGroup) -> Response {
        let html = PageLayout(title: title, session: signedIn, content: ComponentGroup(members: [content()])).render()
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html))
    }
}
