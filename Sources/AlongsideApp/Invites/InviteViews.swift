import AlongsideDomain
import Plot
import Vapor

enum InviteViews {
    static func new(
        _ viewer: Viewer, form: InvitesController.Form, errors: FieldErrors,
        status: HTTPResponseStatus = .ok
    ) -> Response {
        let selected = Set((form.roles ?? []).compactMap(Role.init(rawValue:)))
        return viewer.page("Invite someone", status: status) {
            H1("Invite someone")
            Paragraph("You'll get a link to give them. It works once, and expires if it isn't used.")
            ErrorSummary(errors: errors, fields: [("name", "Their name"), ("email", "Their email"), ("roles", "Roles")])
            Form(url: AppURL.invites.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                FormField(
                    label: "Their name", name: "name", value: form.name ?? "", error: errors["name"],
                    hint: "They can change it when they accept.", autocomplete: "off", maxLength: Limits.nameMaxLength)
                FormField(
                    label: "Their email", name: "email", type: .email, value: form.email ?? "", error: errors["email"],
                    hint: "They'll sign in with this.", autocomplete: "off", maxLength: Limits.emailMaxLength)
                RoleChoices(legend: "Roles they will hold", selected: selected, error: errors["roles"])
                Button("Create invite link").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
        }
    }

    static func created(
        _ viewer: Viewer, invite: Invite, link: String, back: (label: String, url: AppURL) = ("Back to accounts", .accounts),
        code: String? = nil, emailed: Bool = false
    ) -> Response {
        viewer.page("Invite link ready") {
            H1("Invite link ready")
            if emailed {
                Paragraph("We're emailing this link to \(invite.email). You can also give it to \(invite.displayName) yourself.")
                    .class("notice").safeAttribute("role", "status")
            }
            Paragraph(
                "Give this link to \(invite.displayName) (\(invite.email)) in a way only they will see. It works once, until \(DateText.long(invite.expiresAt))."
            )
            Div {
                Label("Invite link") {}.safeAttribute("for", "invite-link")
                Input(type: .text, name: "invite-link")
                    .id("invite-link")
                    .safeAttribute("value", link)
                    .safeAttribute("readonly", "readonly")
            }
            .class("field")
            Paragraph("This is the only time the link is shown. If it gets lost, create a new invite: the old link stops working.")
                .class("hint")
            if let code {
                Element(name: "section") {
                    H2("The code to read to \(invite.displayName)")
                    Paragraph { Tag.strong(PeerLinkCode.spoken(code)) }.id("link-code").class("link-code")
                    Paragraph(
                        "Read this code to \(invite.displayName) when you are together, in person or on a call you know is them. Don't send it with the link: the link only works with the code, so it stays theirs even if the link goes astray. After \(PeerLinkCode.maxFailures) wrong codes the link stops working."
                    )
                    .class("hint")
                }
            }
            Paragraph { Link(back.label, url: back.url.path) }
        }
    }

    static func accept(
        _ viewer: Viewer, invite: Invite, form: AcceptInviteController.Form, errors: FieldErrors,
        status: HTTPResponseStatus = .ok
    ) -> Response {
        let token = viewer.parameter("token") ?? ""
        return viewer.page("Accept your invite", status: status) {
            H1("Welcome to Alongside")
            Paragraph(
                "You've been invited as \(invite.roleSet.sorted().map(\.displayName).joined(separator: ", ")). Choose a password to finish setting up your account."
            )
            Tag.dl { Tag.pair("Your email", invite.email) }
            ErrorSummary(
                errors: errors,
                fields: [("code", "The code"), ("name", "Your name"), ("password", "Password"), ("confirmation", "Password again")])
            Form(url: AppURL.acceptInvite(token: token).path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                if invite.peerID != nil {
                    FormField(
                        label: "The code your peer worker read to you", name: "code", value: form.code ?? "", error: errors["code"],
                        hint: "Six numbers, such as 123 456. It shows this login is yours.", autocomplete: "one-time-code", maxLength: 12)
                }
                FormField(
                    label: "Your name", name: "name", value: form.name ?? "", error: errors["name"],
                    hint: "The name you'd like people here to use.", autocomplete: "name", maxLength: Limits.nameMaxLength)
                NewPasswordFields(errors: errors)
                Button("Create my account").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
        }
    }
}
