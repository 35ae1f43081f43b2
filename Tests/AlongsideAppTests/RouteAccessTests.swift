import AlongsideDomain
import Fluent
import Testing
import Vapor

@testable import AlongsideApp

/// Every registered route, asked by every role, by someone not signed in, and by an admin of
/// another organisation. A route added without a row here fails this suite.
@Suite struct RouteAccessTests {
    /// Who may use a route.
    enum Audience {
        /// Anyone, signed in or not.
        case everyone
        /// Any signed-in person.
        case signedIn
        /// Admins of the organisation that owns the record.
        case admins
        /// People holding one of these roles (and, for records, the right relationship to them).
        case roles(Set<Role>)
        /// Readers the peer consented to (`granted`); readers who could be granted but weren't
        /// find nothing there (`hidden`, 404); everyone else is refused.
        case underConsent(granted: Set<Role>, hidden: Set<Role>)
    }

    static let expected: [String: Audience] = [
        "GET /healthz": .everyone,
        "GET /readyz": .everyone,
        // Off without ALONGSIDE_METRICS_TOKEN; with it, the scraper's token decides (MetricsTests).
        "GET /metrics": .everyone,
        "GET /assets/site.css": .everyone,
        "GET /assets/icon.svg": .everyone,
        "GET /assets/drafts.js": .everyone,
        "GET /assets/zone.js": .everyone,
        "GET /assets/menu.js": .everyone,
        "GET /assets/copy.js": .everyone,
        "GET /": .everyone,
        "GET /setup": .everyone,
        "POST /setup": .everyone,
        "GET /login": .everyone,
        "POST /login": .everyone,
        "POST /logout": .signedIn,
        "GET /invite/:token": .everyone,
        "POST /invite/:token": .everyone,
        "GET /home": .signedIn,
        "GET /resume": .signedIn,
        "POST /home/role": .signedIn,
        "GET /account/preferences": .signedIn,
        "POST /account/preferences": .signedIn,
        "GET /account/password": .signedIn,
        "POST /account/password": .signedIn,
        "GET /caseload": .roles([.peerWorker]),
        "GET /password/forgot": .everyone,
        "POST /password/forgot": .everyone,
        "GET /password/reset/:token": .everyone,
        "POST /password/reset/:token": .everyone,
        "GET /admin/mail": .roles([.admin]),
        "GET /search": .roles([.peerWorker, .coordinator]),
        "GET /relationships": .roles([.coordinator]),
        "GET /peers/new": .roles([.peerWorker, .coordinator]),
        "POST /peers": .roles([.peerWorker, .coordinator]),
        "GET /relationships/:relationshipID": .roles([.peerWorker, .coordinator]),
        "POST /relationships/:relationshipID/stage": .roles([.peerWorker]),
        "GET /relationships/:relationshipID/handover": .roles([.peerWorker, .coordinator]),
        "POST /relationships/:relationshipID/handover": .roles([.peerWorker, .coordinator]),
        "GET /relationships/:relationshipID/conversations/new": .roles([.peerWorker]),
        "POST /relationships/:relationshipID/conversations": .roles([.peerWorker]),
        "GET /conversations/:conversationID": .roles([.peerWorker]),
        "GET /conversations/:conversationID/edit": .roles([.peerWorker]),
        "POST /conversations/:conversationID": .roles([.peerWorker]),
        "GET /conversations/:conversationID/history": .roles([.peerWorker]),
        "POST /conversations/:conversationID/responses/:responseID/answer": .roles([.peerWorker]),
        "POST /conversations/:conversationID/responses/:responseID/dismiss": .roles([.peerWorker]),
        "POST /relationships/:relationshipID/portal-invite": .roles([.peerWorker]),
        "POST /relationships/:relationshipID/portal-release": .roles([.coordinator]),
        "GET /calendar/:feed": .everyone,
        "POST /relationships/:relationshipID/headspace": .roles([.peerWorker]),
        "GET /workers/:accountID/handover": .roles([.coordinator]),
        "POST /workers/:accountID/handover": .roles([.coordinator]),
        "POST /relationships/:relationshipID/again": .roles([.peerWorker, .coordinator]),
        "GET /admin/settings": .roles([.coordinator, .admin]),
        "POST /admin/settings": .roles([.coordinator, .admin]),
        "GET /conversations/:conversationID/billing": .roles([.peerWorker]),
        "POST /conversations/:conversationID/billing": .roles([.peerWorker]),
        "GET /supervision/billing/:conversationID": .roles([.supervisor]),
        "POST /supervision/billing/:conversationID": .roles([.supervisor]),
        "POST /supervision/billing/:conversationID/return": .roles([.supervisor]),
        "GET /account/calendar": .roles([.peerWorker]),
        "POST /account/calendar": .roles([.peerWorker]),
        "POST /account/calendar/revoke": .roles([.peerWorker]),
        "POST /relationships/:relationshipID/plans": .roles([.peerWorker]),
        "POST /plans/:planID/cancel": .roles([.peerWorker]),
        "GET /supervision": .roles([.supervisor]),
        "GET /supervision/notes/:conversationID": .roles([.supervisor]),
        "GET /supervision/links": .roles([.coordinator]),
        "POST /supervision/links": .roles([.coordinator]),
        "POST /supervision/links/:linkID/end": .roles([.coordinator]),
        "GET /inbox": .signedIn,
        "POST /inbox/read-all": .signedIn,
        "POST /inbox/:notificationID/read": .signedIn,
        "GET /relationships/:relationshipID/towards": .roles([.peerWorker, .peer]),
        "POST /relationships/:relationshipID/towards/vision": .roles([.peerWorker, .peer]),
        "POST /relationships/:relationshipID/towards/steps": .roles([.peerWorker, .peer]),
        "POST /relationships/:relationshipID/towards/learnings": .roles([.peerWorker, .peer]),
        "POST /relationships/:relationshipID/towards/reviews": .roles([.peerWorker, .peer]),
        "POST /towards/steps/:stepID": .roles([.peerWorker, .peer]),
        "GET /relationships/:relationshipID/safety-plan": .roles([.peerWorker, .peer]),
        "POST /relationships/:relationshipID/safety-plan": .roles([.peerWorker, .peer]),
        "POST /relationships/:relationshipID/safety-plan/agree": .roles([.peerWorker, .peer]),
        "GET /relationships/:relationshipID/safety-plan/history": .roles([.peerWorker, .peer]),
        "GET /relationships/:relationshipID/safety-plan/card": .roles([.peerWorker, .peer]),
        "GET /relationships/:relationshipID/safety-plan/text": .roles([.peerWorker, .peer]),
        "GET /conversations/:conversationID/check-in": .roles([.peerWorker, .peer]),
        "POST /conversations/:conversationID/check-in": .roles([.peerWorker, .peer]),
        "GET /relationships/:relationshipID/concerns/new": .roles([.peerWorker]),
        "POST /relationships/:relationshipID/concerns": .roles([.peerWorker]),
        "GET /concerns/:concernID": .roles([.peerWorker, .peer, .supervisor]),
        "POST /concerns/:concernID/escalate": .roles([.peerWorker]),
        "POST /concerns/:concernID/follow-up": .roles([.peerWorker]),
        "POST /concerns/:concernID/close": .roles([.peerWorker]),
        "GET /my": .roles([.peer]),
        "GET /my/notes/:conversationID": .roles([.peer]),
        "POST /my/notes/:conversationID/comments": .roles([.peer]),
        "POST /my/notes/:conversationID/corrections": .roles([.peer]),
        "GET /admin/accounts": .admins,
        "GET /admin/accounts/:accountID": .admins,
        "POST /admin/accounts/:accountID/roles": .admins,
        "POST /admin/accounts/:accountID/deactivate": .admins,
        "POST /admin/accounts/:accountID/reactivate": .admins,
        "GET /admin/invites/new": .admins,
        "POST /admin/invites": .admins,
        "POST /admin/invites/:inviteID/withdraw": .admins,
        "GET /admin/audit": .admins,
        "GET /my/sharing": .roles([.peer]),
        "POST /my/sharing": .roles([.peer]),
        "POST /my/sharing/:consentID/revoke": .roles([.peer]),
        "POST /my/sharing/alerts": .roles([.peer]),
        "GET /my/looked": .roles([.peer]),
        "GET /my/export": .roles([.peer]),
        "GET /my/profile": .roles([.peer]),
        "POST /my/profile": .roles([.peer]),
        "GET /relationships/:relationshipID/consents": .roles([.peerWorker]),
        "GET /account/tokens": .signedIn,
        "POST /account/tokens": .signedIn,
        "POST /account/tokens/:tokenID/revoke": .signedIn,
        // The JSON API: asked with a token that reaches every area, so only roles and records decide.
        "GET /api/v1/openapi.json": .everyone,
        "GET /api/v1/relationships": .roles([.peerWorker, .coordinator]),
        "GET /api/v1/relationships/:relationshipId": .roles([.peerWorker, .coordinator]),
        "POST /api/v1/relationships/:relationshipId/moves": .roles([.peerWorker]),
        "GET /api/v1/relationships/:relationshipId/conversations": .roles([.peerWorker]),
        "POST /api/v1/relationships/:relationshipId/conversations": .roles([.peerWorker]),
        "GET /api/v1/conversations/:conversationId": .roles([.peerWorker]),
        "GET /api/v1/relationships/:relationshipId/safety-plan": .roles([.peerWorker, .peer]),
        "GET /api/v1/relationships/:relationshipId/towards-plan": .roles([.peerWorker, .peer]),
        "GET /api/v1/relationships/:relationshipId/consents": .roles([.peerWorker]),
        "POST /relationships/:relationshipID/consents": .roles([.peerWorker]),
        "GET /shared": .roles([.clinician, .supervisor, .peerWorker]),
        // The peer shares with the clinician and their worker's supervisor, not with the peer team.
        "GET /shared/:peerID": .underConsent(granted: [.clinician, .supervisor], hidden: [.peerWorker, .coordinator]),
        "GET /account/story": .roles([.peerWorker]),
        "GET /peers/:peerID/erasure": .roles([.coordinator]),
        "POST /peers/:peerID/erasure": .roles([.coordinator]),
        "POST /account/story": .roles([.peerWorker]),
        "GET /login/code": .everyone,
        "POST /login/code": .everyone,
        "GET /account/second-factor": .signedIn,
        "POST /account/second-factor/start": .signedIn,
        "POST /account/second-factor/confirm": .signedIn,
        "POST /account/second-factor/off": .signedIn,
        "GET /break-glass": .roles([.peerWorker, .supervisor, .coordinator, .clinician]),
        "POST /break-glass": .roles([.peerWorker, .supervisor, .coordinator, .clinician]),
        "GET /break-glass/reviews": .roles([.coordinator]),
        "POST /break-glass/:breakGlassID/review": .roles([.coordinator]),
        "GET /referrals/new": .roles([.clinician]),
        "POST /referrals": .roles([.clinician]),
        "GET /referrals": .roles([.coordinator]),
        "POST /referrals/:referralID/accept": .roles([.coordinator]),
        "POST /referrals/:referralID/decline": .roles([.coordinator]),
        "GET /reads": .roles([.coordinator]),
    ]

    enum Asker: CustomStringConvertible {
        case anonymous
        case role(Role)
        case otherOrganisationAdmin
        /// People with the right role but the wrong relationship to the record.
        case secondPeerWorker
        case unlinkedSupervisor
        case peerOfAnotherRelationship

        var description: String {
            switch self {
            case .anonymous: "anonymous"
            case .role(let role): role.rawValue
            case .otherOrganisationAdmin: "admin of another organisation"
            case .secondPeerWorker: "another peer worker of the organisation"
            case .unlinkedSupervisor: "a supervisor not linked to the worker"
            case .peerOfAnotherRelationship: "the peer of another relationship"
            }
        }

        var isNeighbour: Bool {
            switch self {
            case .secondPeerWorker, .unlinkedSupervisor, .peerOfAnotherRelationship: true
            default: false
            }
        }
    }

    static let askers: [Asker] =
        [.anonymous] + Role.allCases.map(Asker.role) + [
            .otherOrganisationAdmin, .secondPeerWorker, .unlinkedSupervisor, .peerOfAnotherRelationship,
        ]

    /// Parameters that name a record someone reads through a relationship (not an account, an
    /// invite or a secret link).
    static let recordParameters: Set<String> = [
        "relationshipID", "conversationID", "stepID", "concernID", "planID", "responseID", "notificationID", "peerID", "consentID",
        "breakGlassID", "relationshipId", "conversationId",
    ]

    /// A body for each API write that passes the generated decoder, so the policy and the record
    /// door are what answer; none of them can be saved (a stale position, a missing field).
    static let apiBodies: [String: String] = [
        "POST /api/v1/relationships/:relationshipId/moves": #"{"to":"working_partnership","initiatedBy":"both","expectedPosition":-1}"#,
        "POST /api/v1/relationships/:relationshipId/conversations": #"{"occurredAt":"2026-01-01T10:00","minutes":30,"mode":"phone"}"#,
    ]

    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
    }

    @Test func everyRouteDeclaresAnActionAndHasAnExpectation() async throws {
        try await withTestApp { context in
            let registered = Set(context.app.routes.all.map(Self.key))
            for route in context.app.routes.all {
                #expect(route.action != nil, "\(Self.key(route)) declares no action")
                #expect(Self.expected[Self.key(route)] != nil, "\(Self.key(route)) has no row in the route-by-role table")
            }
            for key in Self.expected.keys {
                #expect(registered.contains(key), "the table lists \(key), which is not a route any more")
            }
        }
    }

    @Test func everyRouteAnswersEveryAskerAsThePolicySays() async throws {
        try await withTestApp { context in
            try await context.seedDemo()
            let parameters = try await RouteFixture.make(context)
            let other = try await context.otherOrganisationAdmin()
            let neighbours = try await Self.neighbours(context)
            // Releasing the peer's login changes who the record belongs to, revoking the consent what
            // the clinician may read, and ending the supervision link what the supervisor may: ask them last.
            let last = { (route: Route) in
                ["portal-release", "/revoke", "links/:linkID/end"].contains { Self.key(route).hasSuffix($0) }
            }
            let routes = context.app.routes.all.filter { !last($0) } + context.app.routes.all.filter(last)
            for route in routes {
                let key = Self.key(route)
                let audience = try #require(Self.expected[key])
                var path = "/" + route.path.map(\.description).joined(separator: "/")
                for (name, value) in parameters { path = path.replacingOccurrences(of: name, with: value) }
                // API calls carry a token, never a cookie; visitors are answered 401, not sent to sign in.
                let api = key.contains(" /api/v1/") && !key.hasSuffix("openapi.json")
                if api {
                    path = path.replacingOccurrences(of: ":relationshipId", with: parameters[":relationshipID"] ?? "")
                        .replacingOccurrences(of: ":conversationId", with: parameters[":conversationID"] ?? "")
                }

                for asker in Self.askers {
                    let client = context.client()
                    var csrf: String?
                    switch asker {
                    case .anonymous:
                        try await client.get("/login")
                        csrf = client.lastCSRF
                    case .role(let role):
                        let account = try await context.demoAccount(role)
                        if api {
                            client.bearer = try await context.directToken(for: account)
                        } else {
                            let session = try await context.directSession(for: account)
                            client.setCookie(SessionStore.cookieName, session.cookie)
                            csrf = session.csrf
                        }
                    case .otherOrganisationAdmin, .secondPeerWorker, .unlinkedSupervisor, .peerOfAnotherRelationship:
                        var account = other
                        if case .otherOrganisationAdmin = asker {} else { account = try #require(neighbours[asker.description]) }
                        if api {
                            client.bearer = try await context.directToken(for: account)
                        } else {
                            let session = try await context.directSession(for: account)
                            client.setCookie(SessionStore.cookieName, session.cookie)
                            csrf = session.csrf
                        }
                    }
                    let page =
                        route.method == .GET
                        ? try await client.get(path)
                        : api
                            ? try await client.sendJSON(.POST, path, Self.apiBodies[key] ?? "{}")
                            : try await client.post(path, [("_csrf", csrf ?? "")])
                    // The policy sends visitors to sign in and back: only that redirect carries `next`.
                    // A form sent without a session is sent to sign in, never back to an address that only takes forms.
                    // The API answers visitors 401 with how to authenticate.
                    let signInRedirect =
                        api
                        ? page.status == .unauthorized && page.headers.first(name: .wwwAuthenticate) == "Bearer"
                        : page.status == .seeOther
                            && (route.method == .POST ? page.location == "/login" : (page.location ?? "").hasPrefix("/login?next="))
                    let context = "\(key) as \(asker) answered \(page.status.code) \(page.location ?? "")"
                    #expect(page.status.code < 500, "\(context)")
                    if asker.isNeighbour {
                        // Someone of this organisation, with the role, but not this record's: it isn't there for them.
                        let names = route.path.compactMap { component -> String? in
                            if case .parameter(let name) = component { return name }
                            return nil
                        }
                        if names.contains(where: Self.recordParameters.contains) {
                            #expect(page.status == .notFound || page.status == .forbidden, "\(context)")
                            #expect(!page.contains("We talked.") && !page.contains("Not sleeping.") && !page.contains("Visit the library"))
                            #expect(!page.contains("Jordan"), "\(context) named the peer")
                        }
                        continue
                    }

                    switch (audience, asker) {
                    case (.everyone, _):
                        #expect(page.status != .forbidden && !signInRedirect, "\(context)")
                    case (.underConsent(let granted, let hidden), .role(let role)):
                        if granted.contains(role) {
                            #expect(page.status == .ok, "\(context)")
                        } else if hidden.contains(role) {
                            #expect(page.status == .notFound, "\(context)")
                        } else {
                            #expect(page.status == .forbidden, "\(context)")
                        }
                    case (.underConsent, .otherOrganisationAdmin):
                        #expect(page.status == .forbidden, "\(context)")
                    case (.signedIn, .anonymous), (.admins, .anonymous), (.roles, .anonymous), (.underConsent, .anonymous):
                        #expect(signInRedirect, "\(context)")
                    case (.signedIn, _):
                        #expect(page.status != .forbidden && !signInRedirect, "\(context)")
                    case (.admins, .role(.admin)):
                        #expect(page.status != .forbidden && page.status != .notFound && !signInRedirect, "\(context)")
                    case (.admins, .role):
                        #expect(page.status == .forbidden, "\(context)")
                    case (.roles(let roles), .role(let role)):
                        if roles.contains(role) {
                            #expect(page.status != .forbidden && page.status != .notFound && !signInRedirect, "\(context)")
                        } else {
                            #expect(page.status == .forbidden, "\(context)")
                        }
                    case (.roles(let roles), .otherOrganisationAdmin) where !roles.contains(.admin):
                        #expect(page.status == .forbidden, "\(context)")
                    case (_, .secondPeerWorker), (_, .unlinkedSupervisor), (_, .peerOfAnotherRelationship):
                        break  // asked above
                    case (.admins, .otherOrganisationAdmin), (.roles, .otherOrganisationAdmin):
                        // Their own organisation's lists are theirs; records from elsewhere don't exist for them.
                        let expected: HTTPResponseStatus = route.path.contains(where: { $0.description.hasPrefix(":") }) ? .notFound : .ok
                        if route.method == .GET {
                            #expect(page.status == expected, "\(context)")
                        } else {
                            #expect(page.status != .forbidden && !signInRedirect, "\(context)")
                            if expected == .notFound { #expect(page.status == .notFound, "\(context)") }
                        }
                    }
                }
            }
            // The other organisation's admin never changed anything here.
            let reloaded = try await context.account("tama.wiremu@demo.alongside.test")
            #expect(
                try await AccountQueries.roles(
                    of: try reloaded.requireID(), organisationID: reloaded.$organisation.id,
                    on: context.db) == [.peerWorker])
        }
    }

    /// A second peer worker, a supervisor nobody linked, and a peer with a relationship of their own.
    static func neighbours(_ context: TestContext) async throws -> [String: Account] {
        let admin = try await context.demoAccount(.admin)
        let organisationID = admin.$organisation.id
        var made: [String: Account] = [:]
        for (asker, email, roles) in [
            (Asker.secondPeerWorker, "second.worker@example.org", [Role.peerWorker]),
            (Asker.unlinkedSupervisor, "unlinked.supervisor@example.org", [Role.supervisor]),
            (Asker.peerOfAnotherRelationship, "another.peer@example.org", [Role.peer]),
        ] {
            let account = Account(
                organisationID: organisationID, email: EmailAddress(email)!, displayName: asker.description,
                passwordHash: try await context.app.accountPasswords.hash(TestContext.demoPassword), createdAt: context.clock.now)
            try await account.create(on: context.db)
            for role in roles {
                try await AccountRole(organisationID: organisationID, accountID: try account.requireID(), role: role).create(on: context.db)
            }
            made[asker.description] = account
        }
        // The other peer has a relationship of their own, with the second worker.
        let otherPeer = try #require(made[Asker.peerOfAnotherRelationship.description])
        let secondWorker = try #require(made[Asker.secondPeerWorker.description])
        let peer = Peer(
            organisationID: organisationID, profile: PeerProfile(preferredName: "Kiri"), createdBy: try admin.requireID(),
            createdAt: context.clock.now)
        peer.accountID = try otherPeer.requireID()
        try await peer.create(on: context.db)
        let actor = Actor(accountID: try secondWorker.requireID(), organisationID: organisationID, roles: [.peerWorker])
        _ = try await JourneyStore.start(
            peer: peer, workerID: actor.accountID, initiatedBy: .worker, by: actor, on: context.db, clock: context.clock.appClock,
            auditKey: context.app.auditKey)
        return made
    }

    @Test func aRouteWithoutAnActionIsRefused() async throws {
        try await withTestApp { context in
            context.app.get("forgotten") { _ in "should never be served" }
            try await context.seedDemo()
            let client = try await context.signedInClient("admin@demo.alongside.test")
            let page = try await client.get("/forgotten")
            #expect(page.status == .forbidden)
            #expect(!page.contains("should never be served"))
        }
    }
}
