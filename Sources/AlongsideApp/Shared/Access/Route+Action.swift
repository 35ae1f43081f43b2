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
        on(.GET, path, use: inLocalTime(handler)).performs(action)
    }

    @discardableResult
    func post(
        _ path: PathComponent..., performing action: Action,
        use handler: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        on(.POST, path, body: .collect(maxSize: nil), use: inLocalTime(handler)).performs(action)
    }

    /// Every handler runs in the signed-in person's time zone, so each date it reads from a form
    /// and writes on a page is local time.
    private func inLocalTime(_ handler: @escaping @Sendable (Request) async throws -> Response)
        -> @Sendable (Request) async throws -> Response
    {
        { request in
            guard let zone = request.signedIn?.zone else { return try await handler(request) }
            return try await LocalClock.$zone.withValue(zone) { try await handler(request) }
        }
    }
}
