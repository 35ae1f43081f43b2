import AlongsideAPI
import AlongsideDomain
import Foundation
import OpenAPIRuntime
import Vapor

/// The JSON API's handlers, generated from `api/openapi.json`. Each one goes through the same record
/// door, policy, domain parsers, stores and audit log as the web page that does the same thing;
/// errors are thrown and answered as problem details (`APIProblem`).
struct APIService: APIProtocol {
    func listRelationships(_ input: Operations.ListRelationships.Input) async throws -> Operations.ListRelationships.Output {
        let request = try APIContext.current()
        let page = try await RelationshipsAPI.list(
            request, cursor: input.query.cursor, limit: input.query.limit, updatedSince: input.query.updatedSince)
        return .ok(.init(body: .json(page)))
    }

    func getRelationship(_ input: Operations.GetRelationship.Input) async throws -> Operations.GetRelationship.Output {
        let request = try APIContext.current()
        return .ok(.init(body: .json(try await RelationshipsAPI.detail(request, id: input.path.relationshipId))))
    }

    func moveStage(_ input: Operations.MoveStage.Input) async throws -> Operations.MoveStage.Output {
        let request = try APIContext.current()
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "Send JSON") }
        return .created(.init(body: .json(try await RelationshipsAPI.move(request, id: input.path.relationshipId, body))))
    }

    func listConversations(_ input: Operations.ListConversations.Input) async throws -> Operations.ListConversations.Output {
        let request = try APIContext.current()
        let page = try await ConversationsAPI.list(
            request, relationshipID: input.path.relationshipId, cursor: input.query.cursor, limit: input.query.limit,
            updatedSince: input.query.updatedSince)
        return .ok(.init(body: .json(page)))
    }

    func recordConversation(_ input: Operations.RecordConversation.Input) async throws -> Operations.RecordConversation.Output {
        let request = try APIContext.current()
        guard case .json(let body) = input.body else { throw APIProblem(status: .unsupportedMediaType, title: "Send JSON") }
        return .created(.init(body: .json(try await ConversationsAPI.record(request, relationshipID: input.path.relationshipId, body))))
    }

    func getConversation(_ input: Operations.GetConversation.Input) async throws -> Operations.GetConversation.Output {
        let request = try APIContext.current()
        return .ok(.init(body: .json(try await ConversationsAPI.one(request, id: input.path.conversationId))))
    }

    func getSafetyPlan(_ input: Operations.GetSafetyPlan.Input) async throws -> Operations.GetSafetyPlan.Output {
        let request = try APIContext.current()
        return .ok(.init(body: .json(try await PlansAPI.safetyPlan(request, relationshipID: input.path.relationshipId))))
    }

    func getTowardsPlan(_ input: Operations.GetTowardsPlan.Input) async throws -> Operations.GetTowardsPlan.Output {
        let request = try APIContext.current()
        return .ok(.init(body: .json(try await PlansAPI.towardsPlan(request, relationshipID: input.path.relationshipId))))
    }

    func listConsents(_ input: Operations.ListConsents.Input) async throws -> Operations.ListConsents.Output {
        let request = try APIContext.current()
        return .ok(.init(body: .json(try await ConsentsAPI.list(request, relationshipID: input.path.relationshipId))))
    }
}

/// Keyset paging by id: stable while records are added, and each page is one indexed range read.
struct APIPaging {
    let after: UUID?
    let limit: Int

    static let defaultLimit = 50
    static let maxLimit = 100

    init(cursor: String?, limit: Int?) throws {
        var errors = FieldErrors()
        if let limit, !(1...Self.maxLimit).contains(limit) { errors.add("limit", "Ask for 1 to \(Self.maxLimit) at a time.") }
        var after: UUID?
        if let cursor, !cursor.isEmpty {
            after = Self.decode(cursor)
            if after == nil { errors.add("cursor", "This cursor isn't one we gave. Start again without it.") }
        }
        guard errors.isEmpty else { throw APIProblem(status: .badRequest, title: "The page asked for can't be read", fields: errors) }
        self.after = after
        self.limit = limit ?? Self.defaultLimit
    }

    /// A cursor is opaque to clients: the last id of a page, in a wrapper we can change later.
    static func cursor(after id: UUID) -> String {
        Data("v1:\(id.uuidString.lowercased())".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private static func decode(_ cursor: String) -> UUID? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard cursor.count <= 100, let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("v1:")
        else { return nil }
        return UUID(uuidString: String(text.dropFirst(3)))
    }

    /// Splits one extra row off the end: it says whether there is a next page.
    func page<T>(_ rows: [T], id: (T) -> UUID) -> (items: [T], next: String?) {
        guard rows.count > limit else { return (rows, nil) }
        let items = Array(rows.prefix(limit))
        return (items, items.last.map { Self.cursor(after: id($0)) })
    }
}
