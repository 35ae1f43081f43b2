import AlongsideDomain
import Plot
import Vapor

enum AccountsView {
    static func list(_ viewer: Viewer, accounts: [AccountQueries.Listed], invites: [Invite]) -> Response {
        viewer.page("Accounts") {
            H1("Accounts")
            Paragraph {
                Link("Invite someone", url: AppURL.newInvite.path).class("button")
            }
            Tag.scrolling(
                "Everyone with an account in your organisation",
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
                            TableCell(account.email).safeAttribute("data-label", "Email")
                            TableCell(account.roles.map(\.displayName).joined(separator: ", ")).safeAttribute("data-label", "Roles")
                            TableCell(account.isActive ? "Active" : "Deactivated").safeAttribute("data-label", "Status")
                        }
                    }
                }
                .class("data-table"))
            H2("Invites waiting to be accepted")
            if invites.isEmpty {
                Paragraph("None right now.")
            } else {
                Tag.scrolling(
                    "Invite links that have not been used yet",
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
                                TableCell(invite.displayName).safeAttribute("data-label", "Name")
                                TableCell(invite.email).safeAttribute("data-label", "Email")
                                TableCell(invite.roleSet.sorted().map(\.displayName).joined(separator: ", ")).safeAttribute(
                                    "data-label", "Roles")
                                TableCell(DateText.long(invite.expiresAt)).safeAttribute("data-label", "Expires")
                                TableCell {
                                    Form(url: AppURL.withdrawInvite(invite.id!).path, method: .post) {
                                        CSRFField(token: viewer.csrfToken)
                                        Button("Withdraw invite for \(invite.email)").safeAttribute("type", "submit")
                                            .class("link-button")
                                    }
                                }
                            }
                        }
                    }
                    .class("data-table"))
            }
        }
    }

    static func detail(
        _ viewer: Viewer, account: Account, selected: Set<Role>, errors: FieldErrors, saved: String?,
        status: HTTPResponseStatus = .ok
    ) -> Response {
        let id = account.id!
        let isSelf = viewer.signedIn?.actor.accountID == id
        return viewer.page(account.displayName, status: status) {
            H1(account.displayName)
            if let saved {
                Paragraph(saved).class("notice").safeAttribute("role", "status")
            }
            Tag.dl {
                Tag.pair("Email", account.email)
                Tag.pair("Status", account.isActive ? "Active" : "Deactivated on \(DateText.long(account.deactivatedAt!))")
                Tag.pair("Account created", DateText.long(account.createdAt))
            }
            H2("Roles")
            ErrorSummary(errors: errors, fields: [("roles", "Roles")])
            if isSelf {
                List(selected.sorted()) { role in ListItem(role.displayName) }
                Paragraph("You can't change your own roles: roles open people's records, so another admin decides.").class("hint")
            } else {
                Form(url: AppURL.accountRoles(id).path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    RoleChoices(legend: "Roles \(account.displayName) holds", selected: selected, error: errors["roles"])
                    Paragraph("Giving a role that reads peers' records tells every coordinator and admin.").class("hint")
                    Button("Save roles").safeAttribute("type", "submit")
                }
            }
            H2("Access")
            if isSelf {
                Paragraph("You can't deactivate your own account. Another admin can.")
            } else if account.isActive {
                Paragraph("Deactivating signs them out everywhere and stops them signing in. Nothing they wrote or did is deleted.")
                Form(url: AppURL.deactivateAccount(id).path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    Button("Deactivate \(account.displayName)").safeAttribute("type", "submit").class("danger")
                }
            } else {
                Form(url: AppURL.reactivateAccount(id).path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    Button("Reactivate \(account.displayName)").safeAttribute("type", "submit")
                }
            }
            Paragraph { Link("Back to all accounts", url: AppURL.accounts.path) }
        }
    }
}
