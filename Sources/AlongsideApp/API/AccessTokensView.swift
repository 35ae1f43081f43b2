import AlongsideDomain
import Plot
import Vapor

enum AccessTokensView {
    static func page(
        _ viewer: Viewer, tokens: [AccessTokenRecord], form: AccessTokensController.Form, errors: FieldErrors,
        newToken: (name: String, secret: String)?, apiBase: String, status: HTTPResponseStatus
    ) -> Response {
        viewer.page("API tokens", status: status) {
            H1("API tokens")
            Paragraph(
                "A token lets another system, such as a spreadsheet or a service's own record, read and write through Alongside's API for you. It can only ever do what you can do yourself, and only in the areas you give it. Every use is written in the audit trail."
            )
            .class("hint")
            if viewer.query("revoked") == "1" {
                Paragraph("That token has stopped working.").class("notice").safeAttribute("role", "status")
            }
            if let newToken {
                Paragraph("Your token \u{201C}\(newToken.name)\u{201D} is ready. Copy it now: it is shown only this once.").class("notice")
                    .safeAttribute("role", "status")
                Div {
                    Label("Your new token") {}.safeAttribute("for", "new-token")
                    Input(type: .text, name: "new-token").id("new-token").safeAttribute("value", newToken.secret)
                        .safeAttribute("readonly", "readonly")
                }
                .class("field")
                Paragraph("Send it as a header: Authorization: Bearer followed by the token. The API is at \(apiBase).").class("hint")
            }
            H2("Your tokens")
            if tokens.isEmpty {
                Paragraph("You have no tokens.")
            } else {
                Div(
                    Table(
                        caption: TableCaption("Tokens that work now"),
                        header: TableRow {
                            TableHeaderCell("Name")
                            TableHeaderCell("Reaches")
                            TableHeaderCell("Made")
                            TableHeaderCell("Last used")
                            TableHeaderCell("Stop it")
                        }
                    ) {
                        for token in tokens {
                            TableRow {
                                TableCell(token.name)
                                TableCell(reach(token.tokenScopes)).safeAttribute("data-label", "Reaches")
                                TableCell(DateText.long(token.createdAt)).safeAttribute("data-label", "Made")
                                TableCell(token.lastUsedAt.map(DateText.long) ?? "Not yet").safeAttribute("data-label", "Last used")
                                TableCell {
                                    Form(url: AppURL.revokeAccessToken(token.id ?? UUID()).path, method: .post) {
                                        CSRFField(token: viewer.csrfToken)
                                        Button("Revoke \u{201C}\(token.name)\u{201D}").safeAttribute("type", "submit").class("danger")
                                    }
                                }
                            }
                        }
                    }
                    .class("data-table"))
            }
            H2("Make a token")
            Form(url: AppURL.accessTokens.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                ErrorSummary(
                    errors: errors,
                    fields: [(name: "name", label: "Name")] + APIArea.allCases.map { (name: "scope-\($0.rawValue)", label: $0.displayName) }
                )
                FormField(
                    label: "Name", name: "name", value: form.name ?? "", error: errors["name"],
                    hint: "Something you'll recognise later, such as the system that will use it.", maxLength: AccessTokenDraft.nameLimit)
                for area in APIArea.allCases {
                    RadioChoices(
                        legend: area.displayName, name: area.rawValue, options: options(area),
                        selected: form.levels[area.rawValue] ?? TokenScopes.Level.none.rawValue, error: errors["scope-\(area.rawValue)"],
                        id: "scope-\(area.rawValue)")
                }
                Button("Make the token").safeAttribute("type", "submit")
            }
        }
    }

    private static func options(_ area: APIArea) -> [(value: String, label: String)] {
        var options: [(value: String, label: String)] = [("none", "No access"), ("read", "Read")]
        if area.offersWriting { options.append(("write", "Read and write")) }
        return options
    }

    private static func reach(_ scopes: TokenScopes) -> String {
        APIArea.allCases.compactMap { area in
            switch scopes.level(area) {
            case .none: nil
            case .read: "\(area.displayName): read"
            case .write: "\(area.displayName): read and write"
            }
        }
        .joined(separator: "; ")
    }
}
