import AlongsideDomain
import Fluent
import Plot
import SQLKit
import Vapor

/// A peer corrects their own profile, in their own words: each earlier wording is kept, and the
/// workers walking alongside them are told it changed (not what it says).
enum OwnProfileController {
    private static func ownPeer(_ request: Request) async throws -> Peer? {
        let actor = try request.requireActor()
        guard let peer = try await PortalQueries.peer(of: actor.accountID, in: actor.organisationID, on: request.db) else { return nil }
        try await request.authorize(.changeOwnProfile, peer.resource(.profile))
        return peer
    }

    static func show(_ request: Request) async throws -> Response {
        guard let peer = try await ownPeer(request) else { return PortalViews.notLinked(request.viewer) }
        let profile = peer.profile
        let form = PeersController.Form(
            preferredName: profile.preferredName, pronouns: profile.pronouns, howToReach: profile.howToReach,
            whenToReach: profile.whenToReach, languages: profile.languages, accessNeeds: profile.accessNeeds, aboutMe: profile.aboutMe,
            seen: digest(profile))
        let saved = (try? request.query.get(String.self, at: "saved")) == "1"
        return try await page(request, peer: peer, form: form, errors: FieldErrors(), saved: saved)
    }

    static func save(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        guard let peer = try await ownPeer(request) else { return PortalViews.notLinked(request.viewer) }
        let form = (try? request.content.decode(PeersController.Form.self)) ?? PeersController.Form()
        let errors = form.profile.problems()
        guard errors.isEmpty else {
            return try await page(request, peer: peer, form: form, errors: errors, saved: false, status: .unprocessableEntity)
        }
        let profile = form.profile.trimmed
        let stale =
            "Your profile was changed since you opened this page, perhaps on another device. It reads as below now; make your change again."
        guard form.seen == digest(peer.profile) else {
            return try await conflict(request, peer: peer, form: form, message: stale)
        }
        guard profile != peer.profile else { return request.redirect(to: AppURL.ownProfile.path + "?saved=1", redirectType: .normal) }
        let changed = PeerProfile.fields.map(\.name).filter { name in
            ProfileFields.value(name, of: profile) != ProfileFields.value(name, of: peer.profile)
        }
        let before = try ProfileVersion(before: peer, by: actor.accountID, at: request.now)
        let workers = try await Relationship.query(on: request.db).filter(\.$peerID == peer.requireID())
            .filter(\.$organisationID == peer.organisationID).all()
        var stillOpen: Set<UUID> = []
        for relationship in workers where try await !JourneyStore.hasEnded(relationship, on: request.db) {
            stillOpen.insert(relationship.workerID)
        }
        let open = stillOpen
        let links = Dictionary(workers.map { ($0.workerID, $0.id) }, uniquingKeysWith: { first, _ in first })
        // The wording as stored (sealed), read once: the update below holds only over exactly it.
        let stored = try await (request.db as! any SQLDatabase).raw(
            """
            SELECT preferred_name, pronouns, how_to_reach, when_to_reach, languages, access_needs, about_me FROM peers
            WHERE id = \(bind: try peer.requireID())
            """
        ).first()
        guard let stored else { throw Abort(.notFound) }
        let was = ProfileFields.columns.map { (try? stored.decode(column: $0, as: String.self)) ?? "" }
        let current = ProfileFields.values(of: peer.profile)
        let saved = try await request.db.transaction { db -> Bool in
            guard try was.map({ try FieldCipher.shared.open($0) }) == current else { return false }
            // Only over the wording this form was made from: two saves at once can't both win, nor lose an earlier wording.
            let sql = db as! any SQLDatabase
            let updated = try await sql.raw(
                """
                UPDATE peers SET preferred_name = \(SQLBind.sealed(profile.preferredName)),
                    search_key = \(bind: SearchIndex.column(forName: profile.preferredName)),
                    pronouns = \(SQLBind.sealed(profile.pronouns)), how_to_reach = \(SQLBind.sealed(profile.howToReach)),
                    when_to_reach = \(SQLBind.sealed(profile.whenToReach)), languages = \(SQLBind.sealed(profile.languages)),
                    access_needs = \(SQLBind.sealed(profile.accessNeeds)), about_me = \(SQLBind.sealed(profile.aboutMe))
                WHERE id = \(bind: try peer.requireID()) AND preferred_name = \(bind: was[0]) AND pronouns = \(bind: was[1])
                    AND how_to_reach = \(bind: was[2]) AND when_to_reach = \(bind: was[3])
                    AND languages = \(bind: was[4]) AND access_needs = \(bind: was[5]) AND about_me = \(bind: was[6])
                RETURNING id
                """
            ).first()
            guard updated != nil else { return false }
            try await before.create(on: db)
            try await request.audit(on: db).record(
                request, action: Action.changeOwnProfile.rawValue, target: "peer", targetID: peer.id?.uuidString, outcome: .success,
                detail: "changed: " + changed.joined(separator: ", "))
            for worker in open.sorted(by: { $0.uuidString < $1.uuidString }) {
                try await InboxNotification(
                    organisationID: peer.organisationID, to: worker, kind: .planChanged,
                    message: "A peer you walk alongside corrected their profile.",
                    link: (links[worker] ?? nil).map(AppURL.relationship) ?? .home, at: request.now
                ).create(on: db)
            }
            return true
        }
        guard saved else {
            let fresh = try await Peer.find(peer.requireID(), on: request.db) ?? peer
            return try await conflict(request, peer: fresh, form: form, message: stale)
        }
        return request.redirect(to: AppURL.ownProfile.path + "?saved=1", redirectType: .normal)
    }

    /// The profile as it now reads, with the person's own typing kept for them to apply again.
    private static func conflict(_ request: Request, peer: Peer, form: PeersController.Form, message: String) async throws -> Response {
        var kept = form
        kept.seen = digest(peer.profile)
        var errors = FieldErrors()
        errors.add("preferredName", message)
        return try await page(request, peer: peer, form: kept, errors: errors, saved: false, status: .conflict)
    }

    static func digest(_ profile: PeerProfile) -> String {
        let joined = PeerProfile.fields.map { ProfileFields.value($0.name, of: profile) }.joined(separator: "\u{1F}")
        return String(SHA256.hash(data: Data(joined.utf8)).hex.prefix(32))
    }

    private static func page(
        _ request: Request, peer: Peer, form: PeersController.Form, errors: FieldErrors, saved: Bool, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let versions = try await ProfileVersion.query(on: request.db).filter(\.$peerID == peer.requireID())
            .filter(\.$organisationID == peer.organisationID).sort(\.$changedAt, .descending).limit(20).all()
        return request.viewer.page("About you", status: status) {
            Written.heading("About you")
            if saved { Written.notice("Saved. Your peer worker is told it changed. The earlier wording is kept below.") }
            Paragraph("What the service knows about you, in your words. Change anything that isn't right, or that you'd rather not share.")
                .class("hint")
            PeerViews.profileForm(request.viewer, action: .ownProfile, form: form, errors: errors, button: "Save my changes")
            if !versions.isEmpty {
                H2("Earlier wording")
                List(versions) { version in
                    ListItem {
                        Tag.strong("Until \(DateText.long(version.changedAt))")
                        Tag.dl {
                            for field in PeerProfile.fields {
                                if let value = version.fields[field.name], !value.isEmpty { Tag.pair(field.label, value) }
                            }
                        }
                    }
                }
            }
        }
    }
}

enum ProfileFields {
    /// The profile's columns, in the order of `PeerProfile`'s fields.
    static let columns = ["preferred_name", "pronouns", "how_to_reach", "when_to_reach", "languages", "access_needs", "about_me"]

    static func values(of profile: PeerProfile) -> [String] {
        [
            profile.preferredName, profile.pronouns, profile.howToReach, profile.whenToReach, profile.languages, profile.accessNeeds,
            profile.aboutMe,
        ]
    }

    static func value(_ name: String, of profile: PeerProfile) -> String {
        switch name {
        case "preferredName": profile.preferredName
        case "pronouns": profile.pronouns
        case "howToReach": profile.howToReach
        case "whenToReach": profile.whenToReach
        case "languages": profile.languages
        case "accessNeeds": profile.accessNeeds
        default: profile.aboutMe
        }
    }
}
