import AlongsideDomain
import Vapor

extension Route {
    private static let actionKey = "alongside.action"

    /// The action this route performs, which the access policy decides on every request.
    var action: Action? { userInfo[AnySendableHashable(Self.actionKey)] as? Action }

    /// Declares the action. Every route must: one without is refused by `AccessMiddleware`.
    @discardableResult
    func performs(_ action: Action) -> Route {
        userInfo[AnySendableHashable(Self.actionKey)] = action
        return self
    }
}

extension RoutesBuilder {
    /// Registers a route together with the action it performs, so the two can't drift apart.
    @discardableResult
    func get(
        _ path: PathComponent..., performing action: Action,
        use handler: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        on(.GET, path, use: handler).performs(action)
    }

    @discardableResult
    func post(
        _ path: PathComponent..., performing action: Action,
        use handler: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        on(.POST, path, body: .collect(maxSize: nil), use: handler).performs(action)
    }
}
