import AlongsideDomain
import Plot

/// The hidden field that proves a form was sent from a page Alongside showed.
struct CSRFField: WrittenHTML {
    let token: String
    var html: Markup {
        "<input type=\"hidden\" name=\"\(CSRFMiddleware.fieldName)\" value=\"\(token)\"/>"
    }
}

/// A labelled input with its hint and, when the last attempt had a problem, the message right
/// next to it. The typed value is kept (never for passwords).
struct FormField: WrittenHTML {
    let label: String
    let name: String
    var type: HTMLInputType = .text
    var value: String = ""
    var error: String?
    var hint: String?
    var autocomplete: String?
    var maxLength: Int?

    var html: Markup {
        RawField.frame(label: label, name: name, error: error, hint: hint) { describedBy in
            var input: Markup = "<input type=\"\(type.rawValue)\" name=\"\(name)\" id=\"\(name)\""
            if type != .password { input += " value=\"\(value)\"" }
            if let autocomplete { input += " autocomplete=\"\(autocomplete)\"" }
            if let maxLength { input += " maxlength=\"\(maxLength)\"" }
            return input + RawField.describedBy(describedBy, invalid: error != nil) + "/>"
        }
    }
}

/// A short list of what needs fixing, at the top of the form, each linking to its field.
struct ErrorSummary: WrittenHTML {
    let errors: FieldErrors
    /// Fields in the order they appear on the form, with their labels.
    let fields: [(name: String, label: String)]

    var html: Markup {
        if errors.isEmpty { return "" }
        var html: Markup =
            "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\">"
            + "<h2 id=\"error-summary-title\">Please check the form</h2><ul>"
        for field in fields {
            if let message = errors[field.name] { html += "<li><a href=\"#\(field.name)\">\(message)</a></li>" }
        }
        return html + "</ul></div>"
    }
}

/// A message for the whole form (for example, a failed sign-in), announced to screen readers.
struct FormMessage: WrittenHTML {
    let text: String?
    var html: Markup {
        guard let text else { return "" }
        return "<p class=\"form-message\" role=\"alert\">\(text)</p>"
    }
}

/// One checkbox per role, in a fieldset.
struct RoleChoices: Component {
    let legend: String
    let selected: Set<Role>
    var error: String?

    var body: Component {
        FieldSet {
            Tag.legend(legend)
            if let error {
                Paragraph(error).class("field-error").id("roles-error")
            }
            for role in Role.allCases {
                Div {
                    Input(type: .checkbox, name: "roles[]")
                        .id("role-\(role.rawValue)")
                        .safeAttribute("value", role.rawValue)
                        .safeAttribute("checked", selected.contains(role) ? "checked" : nil)
                    Label(role.displayName) {}.safeAttribute("for", "role-\(role.rawValue)")
                    Paragraph(role.summary).class("hint")
                }
                .class("choice")
            }
        }
        .class(error == nil ? "roles" : "roles has-error")
        .id("roles")
    }
}

/// Choosing a new password: the field with the rule as its hint, and the confirmation.
struct NewPasswordFields: Component {
    let errors: FieldErrors
    var label = "Password"

    var body: Component {
        ComponentGroup {
            FormField(
                label: label, name: "password", type: .password, error: errors["password"],
                hint: PasswordRule.statement, autocomplete: "new-password")
            FormField(
                label: "\(label) again", name: "confirmation", type: .password, error: errors["confirmation"],
                autocomplete: "new-password")
        }
    }
}

/// A longer piece of writing, with the same label, hint and message placement as `FormField`.
struct TextAreaField: WrittenHTML {
    let label: String
    let name: String
    var value: String = ""
    var error: String?
    var hint: String?
    var maxLength: Int?
    var id: String?

    var html: Markup {
        RawField.frame(label: label, name: name, id: id, error: error, hint: hint) { describedBy in
            var area: Markup = "<textarea name=\"\(name)\" id=\"\(id ?? name)\" rows=\"3\""
            if let maxLength { area += " maxlength=\"\(maxLength)\"" }
            return area + RawField.describedBy(describedBy, invalid: error != nil) + ">\(value)</textarea>"
        }
    }
}

/// One choice from a short list, as radio buttons in a fieldset.
struct RadioChoices: WrittenHTML {
    let legend: String
    let name: String
    let options: [(value: String, label: String)]
    var selected: String?
    var error: String?
    var id: String?

    var html: Markup {
        let base = id ?? name
        var html: Markup =
            "<fieldset class=\"\(error == nil ? "roles" : "roles has-error")\" id=\"\(base)\"><legend>\(legend)</legend>"
        if let error { html += "<p class=\"field-error\" id=\"\(base)-error\">\(error)</p>" }
        for option in options {
            let id = "\(base)-\(option.value)"
            html += "<div class=\"choice\"><input type=\"radio\" name=\"\(name)\" id=\"\(id)\" value=\"\(option.value)\""
            if selected == option.value { html += " checked=\"checked\"" }
            html += "/><label for=\"\(id)\">\(option.label)</label></div>"
        }
        return html + "</fieldset>"
    }
}

/// Any number of choices from a short list, as checkboxes in a fieldset, sent as `name[]`.
struct CheckboxChoices: WrittenHTML {
    let legend: String
    let name: String
    let options: [(value: String, label: String)]
    var chosen: Set<String> = []
    var error: String?

    var html: Markup {
        var html: Markup =
            "<fieldset class=\"\(error == nil ? "roles" : "roles has-error")\" id=\"\(name)\"><legend>\(legend)</legend>"
        if let error { html += "<p class=\"field-error\" id=\"\(name)-error\">\(error)</p>" }
        for option in options {
            let id = "\(name)-\(option.value)"
            html += "<div class=\"choice\"><input type=\"checkbox\" name=\"\(name)[]\" id=\"\(id)\" value=\"\(option.value)\""
            if chosen.contains(option.value) { html += " checked=\"checked\"" }
            html += "/><label for=\"\(id)\">\(option.label)</label></div>"
        }
        return html + "</fieldset>"
    }
}

/// The label, hint and message around one control, shared by every kind of field so they all
/// read the same way to a screen reader: the control is described by its hint and its message.
struct FieldFrame: Component {
    let label: String
    let name: String
    let error: String?
    let hint: String?
    let control: (String) -> Component

    var body: Component {
        let describedBy = [hint == nil ? nil : "\(name)-hint", error == nil ? nil : "\(name)-error"]
            .compactMap { $0 }.joined(separator: " ")
        return Div {
            Label(label) {}.safeAttribute("for", name)
            if let hint { Paragraph(hint).class("hint").id("\(name)-hint") }
            if let error { Paragraph(error).class("field-error").id("\(name)-error") }
            control(describedBy)
        }
        .class(error == nil ? "field" : "field has-error")
    }
}

/// A labelled drop-down, for long lists (such as every peer worker in a large service) where
/// radio buttons would fill a phone's screen.
struct SelectField: WrittenHTML {
    let label: String
    let name: String
    let options: [(value: String, label: String)]
    var selected: String?
    var error: String?
    var hint: String?
    var prompt = "Choose one"
    var id: String?

    var html: Markup {
        RawField.frame(label: label, name: name, id: id, error: error, hint: hint) { describedBy in
            var html: Markup =
                "<select id=\"\(id ?? name)\" name=\"\(name)\"" + RawField.describedBy(describedBy, invalid: error != nil) + ">"
            html += "<option value=\"\">\(prompt)</option>"
            for option in options {
                html += "<option value=\"\(option.value)\""
                if selected?.lowercased() == option.value.lowercased() { html += " selected=\"selected\"" }
                html += ">\(option.label)</option>"
            }
            return html + "</select>"
        }
    }
}

/// The same label, hint and message placement as `FieldFrame`, written as text: forms are most
/// of a page, and Plot reflects over every component it renders.
enum RawField {
    /// - Parameter id: the control's id when a page holds several forms with a field of the same name.
    static func frame(
        label: String, name: String, id: String? = nil, error: String?, hint: String?, control: (String) -> Markup
    ) -> Markup {
        let id = id ?? name
        let describedBy = [hint == nil ? nil : "\(id)-hint", error == nil ? nil : "\(id)-error"].compactMap { $0 }.joined(
            separator: " ")
        var html: Markup = "<div class=\"\(error == nil ? "field" : "field has-error")\"><label for=\"\(id)\">\(label)</label>"
        if let hint { html += "<p class=\"hint\" id=\"\(id)-hint\">\(hint)</p>" }
        if let error { html += "<p class=\"field-error\" id=\"\(id)-error\">\(error)</p>" }
        return html + control(describedBy) + "</div>"
    }

    static func describedBy(_ ids: String, invalid: Bool) -> Markup {
        (ids.isEmpty ? "" : " aria-describedby=\"\(ids)\"") + (invalid ? " aria-invalid=\"true\"" : "")
    }
}

/// Choosing a time zone from every IANA name. Where nothing is chosen yet, a small script offers
/// the browser's own zone; without it the person picks from the list.
struct TimeZoneField: Component {
    var label = "Time zone"
    let selected: String?
    var error: String?
    var hint: String?
    var guess = false

    var body: Component {
        ComponentGroup {
            SelectField(
                label: label, name: "timeZone", options: Self.options, selected: selected, error: error, hint: hint,
                prompt: "Choose a time zone")
            if guess { Markup("<script src=\"\(AppURL.zoneScript)\" defer></script>").component }
        }
    }

    static let options: [(value: String, label: String)] = ZoneCatalog.identifiers.map {
        ($0, $0.replacingOccurrences(of: "_", with: " "))
    }
}
