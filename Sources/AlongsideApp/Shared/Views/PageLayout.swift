import AlongsideDomain
import Plot
import Vapor

/// The one document shell every page shares: skip link, header with a navigation that shows
/// each person only what the policy lets them use, the main landmark, and a footer.
struct PageLayout {
    let title: String
    let session: SignedInSession?
    let content: Component

    /// The shell is written as text around the page's own components: it is the same on every
    /// page, and Plot's per-component reflection made it a large share of each request.
    func render() -> String {
        var html: Markup = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\"/>"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
        html += "<title>\(title) · Alongside</title>"
        html += "<link rel=\"stylesheet\" href=\"\(AppURL.stylesheet)\"/>"
        html += "<link rel=\"icon\" href=\"\(AppURL.icon)\" type=\"image/svg+xml\"/>"
        html += "<script src=\"\(AppURL.draftsScript)\" defer></script></head><body>"
        html += "<a class=\"skip-link\" href=\"#main\">Skip to main content</a>"
        html += "<header class=\"site-header\"><div class=\"masthead\">"
        html += "<a class=\"brand\" href=\"\(session == nil ? AppURL.frontDoor : AppURL.home)\">Alongside</a>"
        if let session {
            html += "<span class=\"organisation\">\(session.organisationName)</span></div>"
            // On a phone the header is one line and the menu opens below it; at a desk it is always
            // open (`menu.js`). Sent open, so that without the script nothing is out of reach.
            let unread = session.unreadNotifications
            html += "<details class=\"site-menu\" open><summary>Menu"
            if unread > 0 { html += " <span class=\"badge\">\(unread) new</span>" }
            html += "</summary>"
            html += "<nav aria-label=\"Main\">"
            if AccessPolicy.decide(
                .signedIn(session.actor), .searchPeers, Resource(kind: .site, organisationID: session.actor.organisationID)
            )
            .isAllowed {
                html += "<form class=\"header-search\" role=\"search\" action=\"\(AppURL.search(query: nil))\" method=\"get\">"
                html += "<label for=\"header-q\" class=\"visually-hidden\">Find a peer by name</label>"
                html +=
                    "<input id=\"header-q\" name=\"q\" type=\"search\" placeholder=\"Find a peer\" maxlength=\"\(SearchKey.queryLimit)\" autocomplete=\"off\"/>"
                html += "<button type=\"submit\" class=\"small\">Find</button></form>"
            }
            html += "<ul>"
            for item in Self.navigation(for: session) {
                html += "<li><a href=\"\(item.url)\">\(item.label)</a></li>"
            }
            html += "</ul><form class=\"sign-out\" action=\"\(AppURL.signOut)\" method=\"post\">"
            html += "<input type=\"hidden\" name=\"\(CSRFMiddleware.fieldName)\" value=\"\(session.csrfToken)\"/>"
            html += "<button class=\"link-button\" type=\"submit\">Sign out</button></form></nav></details>"
            // Not deferred: it closes the phone's menu before the page is first drawn.
            html += "<script src=\"\(AppURL.menuScript)\"></script>"
        } else {
            html += "</div>"
        }
        html += "</header><main id=\"main\" tabindex=\"-1\">"
        ContentWriter.write(content, into: &html)
        html += "</main><footer class=\"site-footer\"><p>Alongside: software for peer support, built with the people who use it.</p>"
        html += "</footer></body></html>"
        return html.text
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
            NavigationItem(label: "About you", url: .ownProfile, action: .changeOwnProfile),
            NavigationItem(label: "Sharing", url: .sharing, action: .manageOwnConsents),
            NavigationItem(label: "Shared with me", url: .sharedWithMe, action: .viewSharedWithMe),
            NavigationItem(label: "Referrals", url: .referrals, action: .answerReferrals),
            NavigationItem(label: "Caseload", url: .caseload(stage: nil), action: .viewCaseload),
            NavigationItem(label: "Relationships", url: .serviceRelationships(stage: nil), action: .viewServiceRelationships),
            NavigationItem(label: "Supervision", url: .supervision, action: .viewSupervision),
            NavigationItem(label: "Supervision links", url: .supervisionLinks, action: .manageSupervision),
            NavigationItem(label: "Add a peer", url: .newPeer, action: .createPeer),
            NavigationItem(label: "Accounts", url: .accounts, action: .listAccounts),
            NavigationItem(label: "Service settings", url: .serviceSettings, action: .changeServiceSettings),
            NavigationItem(label: "Audit trail", url: .auditTrail(page: nil), action: .viewAuditTrail),
            NavigationItem(label: "Who read what", url: .recordReads, action: .viewRecordReads),
            NavigationItem(label: "Emergency openings", url: .breakGlassReviews, action: .reviewBreakGlass),
            NavigationItem(label: "Open a record in an emergency", url: .breakGlass, action: .breakGlass),
            NavigationItem(label: "Email", url: .mailQueue, action: .viewMailQueue),
            NavigationItem(label: "Calendar", url: .calendarSettings, action: .manageCalendarFeed),
            NavigationItem(label: "API tokens", url: .accessTokens, action: .manageAccessTokens),
            NavigationItem(
                label: session.unreadNotifications == 0 ? "Inbox" : "Inbox (\(session.unreadNotifications) new)", url: .inbox,
                action: .useInbox),
            NavigationItem(label: "Preferences", url: .preferences, action: .changeOwnPreferences),
            NavigationItem(label: "Password", url: .changePassword, action: .changeOwnPassword),
            NavigationItem(label: "Your story", url: .disclosure, action: .manageOwnDisclosure),
            NavigationItem(label: "Second factor", url: .secondFactor, action: .manageSecondFactor),
        ]
        let resource = Resource(kind: .site, organisationID: session.actor.organisationID)
        return items.filter { AccessPolicy.decide(.signedIn(session.actor), $0.action, resource).isAllowed }
    }
}
