import AlongsideDomain
import Fluent
import Vapor

/// A person's own personal access tokens for the JSON API: made with a name and a scope per area,
/// shown once, listed with when each was last used, and revoked with a button.
enum AccessTokensController {
    struct Form: Content {
        var name: String?
        var journey: String?
        var conversations: String?
        var plans: String?
        var consents: String?

        var levels: [String: String] {
            var levels: [String: String] = [:]
            for (area, value) in [(APIArea.journey, journey), (.conversations, conversations), (.plans, plans), (.consents, consents)] {
                if let value { levels[area.rawValue] = value }
            }
            return levels
        }
    }

    static func show(_ request: Request) async throws -> Response {
        try await page(request, form: Form(), errors: FieldErrors(), newToken: nil)
    }

    static func create(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        let form = (try? request.content.decode(Form.self)) ?? Form()
        switch AccessTokenDraft.parse(name: form.name, levels: form.levels) {
        case .failure(let errors):
            return try await page(request, form: form, errors: errors, newToken: nil, status: .unprocessableEntity)
        case .success(let draft):
            let secret = AccessTokenRecord.prefix + SecretToken.generate()
            let record = AccessTokenRecord(actor: actor, draft: draft, tokenHash: SecretToken.hash(secret), at: request.now)
            try await request.db.transaction { db in
                try await record.create(on: db)
                try await request.audit(on: db).record(
                    request, action: Action.manageAccessTokens.rawValue, target: "accessToken", targetID: record.id?.uuidString,
                    outcome: .success, detail: "made, reaching \(draft.scopes.stored)")
            }
            return try await page(request, form: Form(), errors: FieldErrors(), newToken: (draft.name, secret))
        }
    }

    static func revoke(_ request: Request) async throws -> Response {
        let actor = try request.requireActor()
        guard let id = request.parameters.get("tokenID").flatMap(UUID.init(uuidString:)) else { throw PageError.notFound }
        try await request.db.transaction { db in
            // Only one's own, and only once: anyone else's id simply isn't found.
            guard
                let token = try await AccessTokenRecord.query(on: db).filter(\.$id == id)
                    .filter(\.$organisationID == actor.organisationID).filter(\.$accountID == actor.accountID)
                    .filter(\.$revokedAt == nil).first()
            else { throw PageError.notFound }
            token.revokedAt = request.now
            try await token.save(on: db)
            try await request.audit(on: db).record(
                request, action: Action.manageAccessTokens.rawValue, target: "accessToken", targetID: id.uuidString, outcome: .success,
                detail: "revoked")
        }
        return request.redirect(to: AppURL.accessTokens.path + "?revoked=1", redirectType: .normal)
    }

    private static func page(
        _ request: Request, form: Form, errors: FieldErrors, newToken: (name: String, secret: String)?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let actor = try request.requireActor()
        let tokens = try await AccessTokenStore.active(for: actor, on: request.db)
        return AccessTokensView.page(
            request.viewer, tokens: tokens, form: form, errors: errors, newToken: newToken,
            apiBase: request.absoluteURL(.accessTokens).replacingOccurrences(of: AppURL.accessTokens.path, with: APIRoutes.serverPath),
            status: status)
    }
}
