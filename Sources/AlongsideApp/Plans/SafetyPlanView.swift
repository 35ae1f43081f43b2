import AlongsideDomain
import Plot
import Vapor

/// The safety plan: the page where it is written and agreed, every version, the printable
/// one-page card, all in the peer's own words.
enum SafetyPlanView {
    /// Where the plan stands, said to the peer as "you" on their own plan, and to anyone else by name.
    static func statusText(_ plan: SafetyPlan?, peer: Peer, forPeer: Bool = false) -> String {
        guard let plan, plan.version > 0 else { return "Not written yet." }
        if plan.isAgreed, let at = plan.agreedAt {
            if forPeer {
                return plan.agreedHow == SafetyPlanAgreement.How.inPerson.rawValue
                    ? "Agreed: you said this is your plan, in person, on \(DateText.day(at))."
                    : "Agreed: you marked this as your plan on \(DateText.day(at))."
            }
            return plan.agreedHow == SafetyPlanAgreement.How.inPerson.rawValue
                ? "Agreed: \(peer.preferredName) said this is their plan, in person, on \(DateText.day(at))."
                : "Agreed: \(peer.preferredName) marked this as their plan on \(DateText.day(at))."
        }
        if let at = plan.agreedAt {
            return forPeer
                ? "Draft: changed since you agreed it on \(DateText.day(at)). It is agreed again once you say so."
                : "Draft: changed since \(peer.preferredName) agreed it on \(DateText.day(at)). It is agreed again once they say so."
        }
        return forPeer
            ? "Draft: you haven't marked this as your plan yet." : "Draft: \(peer.preferredName) hasn't marked this as their plan yet."
    }

    static func page(
        _ viewer: Viewer, loaded: SafetyPlanController.Loaded, fields: [String: String]?, errors: FieldErrors, conflict: SafetyPlan?,
        status: HTTPResponseStatus = .ok
    ) -> Response {
        let access = loaded.access
        let peer = access.peer
        let forPeer = access.viewerIsPeer
        let id = access.relationship.id ?? UUID()
        let plan = loaded.plan
        let content = plan?.sections ?? SafetyPlanContent()
        let resource = access.relationship.peerResource(.safetyPlan, peer: peer, ended: access.ended)
        let canChange = viewer.may(.changeSafetyPlan, resource)
        let notice: String? =
            viewer.query("agreed") == "1"
            ? (forPeer ? "Marked as your plan." : "Marked as \(peer.preferredName)'s plan.")
            : viewer.query("saved") == "1" ? "The plan is saved as a new version." : nil
        return viewer.page(forPeer ? "My wellness and safety plan" : "\(peer.preferredName)'s safety plan", status: status) {
            H1(forPeer ? "My wellness and safety plan" : "\(peer.preferredName)'s wellness and safety plan")
            if let notice { Paragraph(notice).class("notice").safeAttribute("role", "status") }
            Paragraph(statusText(plan, peer: peer, forPeer: forPeer)).class(
                plan?.isAgreed == true ? "plan-status agreed" : "plan-status draft")
            Paragraph(
                forPeer
                    ? "This plan is yours, in your own words. Leave any part empty. Your peer worker can help you write it; it only counts as agreed when you say it's yours."
                    : "This plan is \(peer.preferredName)'s, in their words. You can draft it together; it only counts as agreed when they say it's theirs."
            )
            .class("hint")
            List {
                ListItem { Link("Printable card (one page)", url: AppURL.safetyPlanCard(id).path) }
                ListItem { Link("Plain text to copy into a phone", url: AppURL.safetyPlanText(id).path) }
                ListItem { Link("Every version", url: AppURL.safetyPlanHistory(id).path) }
                ListItem {
                    Link(
                        forPeer ? "Back to my journey" : "Back to \(peer.preferredName)'s page",
                        url: forPeer ? AppURL.portal.path : AppURL.relationship(id).path)
                }
            }
            .class("plan-links")
            crisisLines(loaded.organisation)
            ErrorSummary(
                errors: errors,
                fields: [("plan", "The plan")] + SafetyPlanSection.allCases.map { ($0.field, $0.title) } + [("agree", "This is my plan")])
            if let conflict {
                Div {
                    H2("The version saved meanwhile (version \(conflict.version))")
                    for section in SafetyPlanSection.allCases where !conflict.sections[section].isEmpty {
                        H3(section.title)
                        Paragraph(conflict.sections[section]).class("note-text")
                    }
                }
                .class("stale-version")
            }
            if canChange {
                Form(url: AppURL.safetyPlan(id).path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    Input(type: .hidden, name: "version").safeAttribute("value", fields?["version"] ?? String(plan?.version ?? 0))
                    if let problem = errors["plan"] { Paragraph(problem).class("form-message").safeAttribute("role", "alert") }
                    for section in SafetyPlanSection.allCases {
                        TextAreaField(
                            label: section.title, name: section.field, value: fields?[section.field] ?? content[section],
                            error: errors[section.field], hint: section.prompt, maxLength: SafetyPlanContent.sectionLimit)
                    }
                    Button("Save the plan").safeAttribute("type", "submit")
                }
                .id("plan")
                .safeAttribute("novalidate", "novalidate").safeAttribute("data-draft", "keep")
            }
            if viewer.may(.agreeSafetyPlan, resource), plan?.isAgreed != true {
                Element(name: "section") {
                    H2(forPeer ? "Is this your plan?" : "Is this \(peer.preferredName)'s plan?")
                    Form(url: AppURL.agreeSafetyPlan(id).path, method: .post) {
                        CSRFField(token: viewer.csrfToken)
                        Input(type: .hidden, name: "version").safeAttribute("value", String(plan?.version ?? 0))
                        if let problem = errors["agree"] {
                            Paragraph(problem).class("field-error").id("agree-error")
                        }
                        if !forPeer {
                            Div {
                                Input(type: .checkbox, name: "peerPresent").id("peerPresent")
                                Label("\(peer.preferredName) is here with me and says this is their plan") {}
                                    .safeAttribute("for", "peerPresent")
                            }
                            .class("choice")
                        }
                        Button(forPeer ? "This is my plan" : "Mark it as their plan").safeAttribute("type", "submit").id("agree")
                    }
                    .safeAttribute("novalidate", "novalidate")
                }
                .class("agree")
            }
        }
    }

    /// The plan as plain text, at a size a phone can read, to copy into the phone's own notes.
    static func textPage(_ viewer: Viewer, peer: Peer, forPeer: Bool, text: String) -> Response {
        let id = viewer.parameter("relationshipID") ?? ""
        let relationshipID = UUID(uuidString: id)
        return viewer.page(forPeer ? "Your safety plan as text" : "\(peer.preferredName)'s safety plan as text") {
            H1(forPeer ? "Your safety plan as text" : "\(peer.preferredName)'s safety plan as text")
            Paragraph("To keep on a phone: copy it into a note, or download it as a file.").class("hint")
            Div {
                Button("Copy the text").class("copy-button").safeAttribute("type", "button").safeAttribute("data-copy", "plan-text")
                    .safeAttribute("hidden", "hidden")
                if let relationshipID {
                    Link("Download as a text file", url: AppURL.safetyPlanText(relationshipID).path + "?download=1").class(
                        "button secondary")
                }
            }
            .class("actions")
            Paragraph("").id("plan-text-status").safeAttribute("role", "status")
            Element(name: "pre") { Text(text) }.id("plan-text").class("plain-plan")
            if let relationshipID {
                Paragraph { Link("Back to the plan", url: AppURL.safetyPlan(relationshipID).path) }
            }
            Markup("<script src=\"\(AppURL.copyScript)\" defer></script>").component
        }
    }

    static func crisisLines(_ organisation: Organisation) -> Component {
        Div {
            H2("Crisis lines")
            if organisation.crisisLines.isEmpty {
                Paragraph("The service hasn't added its local crisis lines yet. A coordinator adds them in the service settings.").class(
                    "hint")
            } else {
                Paragraph { PhoneLinks(text: organisation.crisisLines, shortNumbers: true) }.class("crisis-lines-text")
            }
        }
        .class("crisis-lines")
    }

    static func history(
        _ viewer: Viewer, loaded: SafetyPlanController.Loaded, versions: [SafetyPlanVersion], names: [UUID: String]
    ) -> Response {
        let access = loaded.access
        let id = access.relationship.id ?? UUID()
        let me = viewer.signedIn?.actor.accountID
        return viewer.page("Safety plan: every version") {
            H1(access.viewerIsPeer ? "My plan: every version" : "\(access.peer.preferredName)'s plan: every version")
            Paragraph { Link("Back to the plan", url: AppURL.safetyPlan(id).path) }
            if versions.isEmpty { Paragraph("No versions yet.") }
            for (index, version) in versions.enumerated() {
                let content = SafetyPlanContent.decode(version.content)
                let earlier = index + 1 < versions.count ? SafetyPlanContent.decode(versions[index + 1].content) : SafetyPlanContent()
                let changed = content.changedSections(from: earlier).map(\.title)
                Element(name: "section") {
                    H2("Version \(version.version)")
                    Paragraph {
                        Text(
                            "\(DateText.long(version.writtenAt)), by \(version.writtenBy == me ? "you" : names[version.writtenBy] ?? "someone")"
                        )
                        if loaded.plan?.agreedVersion == version.version { Tag.strong(" · the version marked as agreed") }
                    }
                    .class("hint")
                    Paragraph(changed.isEmpty ? "No sections changed." : "Changed: " + changed.joined(separator: "; "))
                    Element(name: "details") {
                        Element(name: "summary") { Text("Read version \(version.version)") }
                        for section in SafetyPlanSection.allCases where !content[section].isEmpty {
                            H3(section.title)
                            Paragraph { PhoneLinks(text: content[section]) }.class("note-text")
                        }
                    }
                }
                .class("plan-version")
            }
        }
    }

    /// One printed page: the print stylesheet hides the site around it and sets the card in columns.
    static func card(_ viewer: Viewer, loaded: SafetyPlanController.Loaded) -> Response {
        let access = loaded.access
        let content = loaded.plan?.sections ?? SafetyPlanContent()
        let id = access.relationship.id ?? UUID()
        return viewer.page("Safety plan card") {
            Div {
                Paragraph { Link("Back to the plan", url: AppURL.safetyPlan(id).path) }
                Paragraph("Use your browser's Print to print this card on one page, or save it as a PDF.").class("hint")
            }
            .class("no-print")
            Element(name: "article") {
                H1("\(access.peer.preferredName)'s wellness and safety plan")
                Paragraph(statusText(loaded.plan, peer: access.peer, forPeer: access.viewerIsPeer)).class("card-status")
                Div {
                    for section in SafetyPlanSection.allCases where !content[section].isEmpty {
                        Div {
                            H2(section.title)
                            Paragraph(content[section])
                        }
                        .class("card-section")
                    }
                }
                .class("card-sections")
                if !loaded.organisation.crisisLines.isEmpty {
                    Div {
                        H2("Crisis lines")
                        Paragraph { PhoneLinks(text: loaded.organisation.crisisLines, shortNumbers: true) }
                    }
                    .class("card-crisis")
                }
            }
            .class("safety-card")
        }
    }
}
