import AlongsideDomain
import Fluent
import Plot
import Vapor

/// A peer worker's choice of what of their own story shows, and to whom. Nothing of it appears
/// anywhere they didn't choose: each screen that names the worker asks `Disclosure.shown(to:)`.
enum DisclosureController {
    struct Form: Content {
        var story: String?
        var storyTo: [String]?
        var statusTo: [String]?
    }

    static func show(_ request: Request) async throws -> Response {
        let account = try await request.ownAccount()
        let disclosure = account.disclosure
        let saved = (try? request.query.get(String.self, at: "saved")) == "1"
        return DisclosureViews.page(
            request.viewer,
            form: Form(story: disclosure.story, storyTo: disclosure.storyTo.map(\.rawValue), statusTo: disclosure.statusTo.map(\.rawValue)),
            errors: FieldErrors(), saved: saved)
    }

    static func save(_ request: Request) async throws -> Response {
        let account = try await request.ownAccount()
        let form = (try? request.content.decode(Form.self)) ?? Form()
        switch Disclosure.parse(story: form.story, storyTo: form.storyTo ?? [], statusTo: form.statusTo ?? []) {
        case .failure(let errors):
            return DisclosureViews.page(request.viewer, form: form, errors: errors, saved: false, status: .unprocessableEntity)
        case .success(let disclosure):
            account.story = disclosure.story
            account.storyTo = DisclosureAudience.allCases.filter(disclosure.storyTo.contains).map(\.rawValue).joined(separator: ",")
            account.statusTo = DisclosureAudience.allCases.filter(disclosure.statusTo.contains).map(\.rawValue).joined(separator: ",")
            try await request.db.transaction { db in
                try await account.save(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.manageOwnDisclosure.rawValue, target: "account", targetID: account.id?.uuidString,
                    outcome: .success, detail: "status to \(account.statusTo ?? ""); story to \(account.storyTo ?? "")")
            }
            return request.redirect(to: AppURL.disclosure.path + "?saved=1", redirectType: .normal)
        }
    }

    /// The disclosures of these workers, for one audience: only what each chose to show it.
    static func shown(of workers: some Collection<UUID>, to audience: DisclosureAudience, in organisationID: UUID, on db: any Database)
        async throws -> [UUID: (status: Bool, story: String?)]
    {
        guard !workers.isEmpty else { return [:] }
        let accounts = try await Account.query(on: db).filter(\.$organisation.$id == organisationID).filter(\.$id ~~ Array(Set(workers)))
            .all()
        var shown: [UUID: (status: Bool, story: String?)] = [:]
        for account in accounts {
            guard let id = account.id else { continue }
            let visible = account.disclosure.shown(to: audience)
            if visible.status { shown[id] = visible }
        }
        return shown
    }
}

/// What a worker chose to show, as a short passage beside their name.
struct DisclosedStory: Component {
    let name: String
    let shown: (status: Bool, story: String?)?

    var body: Component {
        guard let shown, shown.status else { return ComponentGroup() }
        return Div {
            Paragraph("\(name) is a peer worker: someone with their own lived experience of distress and recovery.")
            if let story = shown.story { Paragraph("In their words: \(story)").class("note-text") }
        }
        .class("disclosure")
    }
}
