import Foundation

/// The API's description, as served at `/api/v1/openapi.json`: the same file the server code is
/// generated from (`scripts/generate-api`), so what is served can't drift from what is checked.
public enum APIDescription {
    public static let json: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"), let data = try? Data(contentsOf: url) else {
            fatalError("api/openapi.json is missing from the bundle")
        }
        return data
    }()
}
