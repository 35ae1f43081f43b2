import AlongsideDomain
import Plot
import Vapor

enum AccountsView {
    static func list(_ request: Request, accounts: [AccountQueries.Listed], invites: [Invite]) -> Response {
        request.page("Accounts") {
            H1("Accounts")
            Paragraph {
                Link("Invite someone", url: AppURL.newInvite.path).class("button")
            }
            Table(
                caption: TableCaption("Everyone with an account in your organisation"),
                header: TableRow {
                    TableHeaderCell("Name")
                    TableHeaderCell("Email")
                    TableHeaderCell("Roles")
                    TableHeaderCell("Status")
                }
            ) {
                for account in accounts {
                    TableRow {
                        TableCell { Link(account.displayName, url: AppURL.account(account.id).path) }
                        TableCell(account.email).attribute(named: "data-label", value: "Email")
                        TableCell(account.roles.map(\.displayName).joined(separator: ", ")).attribute(named: "data-label", value: "Roles")
                        TableCell(account.isActive ? "Active" : "Deactivated").attribute(named: "data-label", value: "Status")
                    }
                }
            }
            .class("data-table")
            H2("Invites waiting to be accepted")
            if invites.isEmpty {
                Paragraph("None right now.")
            } else {
                Table(
                    caption: TableCaption("Invite links that have not been used yet"),
                    header: TableRow {
                        TableHeaderCell("Name")
                        TableHeaderCell("Email")
                        TableHeaderCell("Roles")
                        TableHeaderCell("Expires")
                        TableHeaderCell("Withdraw")
                    }
                ) {
                    for invite in invites {
                        TableRow {
                            TableCell(invite.displayName).attribute(named: "data-label", value: "Name")
                            TableCell(invite.email).attribute(named: "data-label", value: "Email")
                            TableCell(invite.roleSet.sorted().map(\.displayName).joined(separator: ", ")).attribute(
                                named: "data-label", value: "Roles")
                            TableCell(DateText.long(invite.expiresAt)).attribute(named: "data-label", value: "Expires")
                            TableCell {
                                Form(url: AppURL.withdrawInvite(invite.id!).path, method: .post) {
                                    CSRFField(token: request.csrfToken)
                                    Button("Withdraw invite for \(invite.email)").attribute(named: "type", value: "submit")
                                        .class("link-button")
                                }
                            }
                        }
                    }
                }
                .class("data-table")
            }
        }
    }

    static func detail(
        _ request: Request, account: Account, selected: Set<Role>, errors: FieldErrors, saved: String?,
        status: HTTPResponseStatus = .ok
    ) -> Response {
        let id = account.id!
        let isSelf = request.signedIn?.actor.accountID == id
        return request.page(account.displayName, status: status) {
            H1(account.displayName)
            if let saved {
                Paragraph(saved).class("notice").attribute(named: "role", value: "status")
            }
            Tag.dl {
                Tag.pair("Email", account.email)
                Tag.pair("Status", account.isActive ? "Active" : "Deactivated on \(DateText.long(account.deactivatedAt!))")
                Tag.pair("Account created", DateText.long(account.createdAt))
            }
            H2("Roles")
            ErrorSummary(errors: errors, fields: [("roles", "Roles")])
            Form(url: AppURL.accountRoles(id).path, method: .post) {
                CSRFField(token: request.csrfToken)
                RoleChoices(legend: "Roles \(account.displayName) holds", selected: selected, error: errors["roles"])
                Button("Save roles").attribute(named: "type", value: "submit")
            }
            H2("Access")
            if isSelf {
                Paragraph("You can't deactivate your own account. Another admin can.")
            } else if account.isActive {
                Paragraph("Deactivating signs them out everywhere and stops them signing in. Nothing they wrote or did is deleted.")
                Form(url: AppURL.deactivateAccount(id).path, method: .post) {
                    CSRFField(token: request.csrfToken)
                    Button("Deactivate \(account.displayName)").attribute(named: "type", value: "submit").class("danger")
                }
            } else {
                Form(url: AppURL.reactivateAccount(id).path, method: .post) {
                    CSRFField(token: request.csrfToken)
                    Button("Reactivate \(account.displayName)").attribute(named: "type", value: "submit")
                }
            }
            Paragraph { Link("Back to all accounts", url: AppURL.accounts.path) }
        }
    }
}
