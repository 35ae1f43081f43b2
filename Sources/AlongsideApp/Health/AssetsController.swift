import Vapor

/// The stylesheet and icon, read once at start-up and served from memory with a validator.
struct Assets: Sendable {
    struct File: Sendable {
        let body: String
        let contentType: HTTPMediaType
        let etag: String
    }

    let stylesheet: File
    let icon: File
    /// Keeps long forms' drafts on the device as people type (`Resources/drafts.js`).
    let drafts: File
    /// Offers the browser's own time zone where none is chosen yet (`Resources/zone.js`).
    let zone: File
    /// Closes the header's menu on a phone (`Resources/menu.js`).
    let menu: File
    /// A "Copy" button for the plain-text safety plan (`Resources/copy.js`).
    let copy: File

    static func load() throws -> Assets {
        func file(_ name: String, _ ext: String, _ type: HTTPMediaType) throws -> File {
            guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources") else {
                throw Abort(.internalServerError, reason: "missing resource \(name).\(ext)")
            }
            let body = try String(contentsOf: url, encoding: .utf8)
            return File(body: body, contentType: type, etag: "\"" + String(SHA256.hash(data: Data(body.utf8)).hex.prefix(16)) + "\"")
        }
        let javascript = HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])
        return Assets(
            stylesheet: try file("site", "css", .css),
            icon: try file("icon", "svg", HTTPMediaType(type: "image", subType: "svg+xml")),
            drafts: try file("drafts", "js", javascript), zone: try file("zone", "js", javascript),
            menu: try file("menu", "js", javascript), copy: try file("copy", "js", javascript))
    }
}

enum AssetsController {
    static func stylesheet(_ request: Request) async throws -> Response {
        serve(request.application.assets.stylesheet, to: request)
    }

    static func icon(_ request: Request) async throws -> Response {
        serve(request.application.assets.icon, to: request)
    }

    static func drafts(_ request: Request) async throws -> Response {
        serve(request.application.assets.drafts, to: request)
    }

    static func copy(_ request: Request) async throws -> Response {
        serve(request.application.assets.copy, to: request)
    }

    static func menu(_ request: Request) async throws -> Response {
        serve(request.application.assets.menu, to: request)
    }

    static func zone(_ request: Request) async throws -> Response {
        serve(request.application.assets.zone, to: request)
    }

    private static func serve(_ file: Assets.File, to request: Request) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = file.contentType
        headers.replaceOrAdd(name: .eTag, value: file.etag)
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        if request.headers.first(name: .ifNoneMatch) == file.etag {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(string: file.body))
    }
}

extension Application {
    private struct AssetsKey: StorageKey { typealias Value = Assets }

    var assets: Assets {
        get { storage[AssetsKey.self]! }
        set { storage[AssetsKey.self] = newValue }
    }
}
