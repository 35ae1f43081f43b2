import AlongsideDomain
import Plot

/// The hidden field that proves a form was sent from a page Alongside showed.
struct CSRFField: Component {
    let token: String
    var body: Component {
        Input(type: .hidden, name: CSRFMiddleware.fieldName).safeAttribute("value", token)
    }
}

/// A labelled input with its hint and, when the last attempt had a problem, the message right
/// next to it. The typed value is kept (never for passwords).
struct FormField: Component {
    let label: String
    let name: String
    var type: HTMLInputType = .text
    var value: String = ""
    var error: String?
    var hint: String?
    var autocomplete: String?
    var maxLength: Int?

    var body: Component {
        FieldFrame(label: label, name: name, error: error, hint: hint) { describedBy in
            Input(type: type, name: name)
                .id(name)
                .safeAttribute("value", type == .password ? nil : value)
                .attribute(named: "autocomplete", value: autocomplete)
                .attribute(named: "maxlength", value: maxLength.map(String.init))
                .attribute(named: "aria-describedby", value: describedBy)
                .attribute(named: "aria-invalid", value: error == nil ? nil : "true")
        }
    }
}

/// A short list of what needs fixing, at the top of the form, each linking to its field.
struct ErrorSummary: Component {
    let errors: FieldErrors
    /// Fields in the order they appear on the form, with their labels.
    let fields: [(name: String, label: String)]

    var body: Component {
        if errors.isEmpty { return EmptyComponent() }
        return Div {
            H2("Please check the form").id("error-summary-title")
            List(fields.filter { errors[$0.name] != nil }) { field in
                Link(errors[field.name] ?? "", url: "#\(field.name)")
            }
        }
        .class("error-summary")
        .attribute(named: "role", value: "alert")
        .attribute(named: "aria-labelledby", value: "error-summary-title")
        .attribute(named: "tabindex", value: "-1")
    }
}

/// A message for the whole form (for example, a failed sign-in), announced to screen readers.
struct FormMessage: Component {
    let text: String?
    var body: Component {
        guard let text else { return EmptyComponent() }
        return Paragraph(text).class("form-message").attribute(named: "role", value: "alert")
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
                        .attribute(named: "checked", value: selected.contains(role) ? "checked" : nil)
                    Label(role.displayName) {}.attribute(named: "for", value: "role-\(role.rawValue)")
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
struct TextAreaField: Component {
    let label: String
    let name: String
    var value: String = ""
    var error: String?
    var hint: String?
    var maxLength: Int?

    var body: Component {
        FieldFrame(label: label, name: name, error: error, hint: hint) { describedBy in
            TextArea(text: value, name: name)
                .id(name)
                .attribute(named: "rows", value: "3")
                .attribute(named: "maxlength", value: maxLength.map(String.init))
                .attribute(named: "aria-describedby", value: describedBy)
                .attribute(named: "aria-invalid", value: error == nil ? nil : "true")
        }
    }
}

/// One choice from a short list, as radio buttons in a fieldset.
struct RadioChoices: Component {
    let legend: String
    let name: String
    let options: [(value: String, label: String)]
    var selected: String?
    var error: String?

    var body: Component {
        FieldSet {
            Tag.legend(legend)
            if let error { Paragraph(error).class("field-error").id("\(name)-error") }
            for option in options {
                Div {
                    Input(type: .radio, name: name)
                        .id("\(name)-\(option.value)")
                        .safeAttribute("value", option.value)
                        .attribute(named: "checked", value: selected == option.value ? "checked" : nil)
                    Label(option.label) {}.attribute(named: "for", value: "\(name)-\(option.value)")
                }
                .class("choice")
            }
        }
        .class(error == nil ? "roles" : "roles has-error")
        .id(name)
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
            Label(label) {}.attribute(named: "for", value: name)
            if let hint { Paragraph(hint).class("hint").id("\(name)-hint") }
            if let error { Paragraph(error).class("field-error").id("\(name)-error") }
            control(describedBy)
        }
        .class(error == nil ? "field" : "field has-error")
    }
}

/// A labelled drop-down, for long lists (such as every peer worker in a large service) where
/// radio buttons would fill a phone's screen.
struct SelectField: Component {
    let label: String
    let name: String
    let options: [(value: String, label: String)]
    var selected: String?
    var error: String?
    var hint: String?
    var prompt = "Choose one"

    var body: Component {
        FieldFrame(label: label, name: name, error: error, hint: hint) { describedBy in
            Element(name: "select") {
                Element(name: "option") { Text(prompt) }.attribute(named: "value", value: "")
                for option in options {
                    Element(name: "option") { Text(option.label) }
                        .safeAttribute("value", option.value)
                        .attribute(named: "selected", value: selected?.lowercased() == option.value.lowercased() ? "selected" : nil)
                }
            }
            .id(name)
            .attribute(named: "name", value: name)
            .attribute(named: "aria-describedby", value: describedBy.isEmpty ? nil : describedBy)
            .attribute(named: "aria-invalid", value: error == nil ? nil : "true")
        }
    }
}
