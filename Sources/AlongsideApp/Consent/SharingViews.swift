import AlongsideDomain
import Plot
import Vapor

/// Consents in plain words, for the peer who gives them and the worker who writes one down.
enum SharingViews {
    static func audienceName(_ provision: ConsentProvision, names: [UUID: String]) -> String {
        if provision.audience == .clinician {
            return provision.granteeID.flatMap { names[$0] } ?? "a partner clinician who has left"
        }
        return provision.audience.plainWords
    }

    static func portal(
        _ viewer: Viewer, peer: Peer, consents: [ConsentProvision], clinicians: [(id: UUID, name: String)], names: [UUID: String],
        form: SharingController.Form, errors: FieldErrors, notice: String?, status: HTTPResponseStatus
    ) -> Response {
        viewer.page("Who can read your record", status: status) {
            Written.heading("Who can read your record")
            if let notice { Written.notice(notice) }
            Paragraph(
                "Your peer worker always reads what your time together needs. Anyone else reads only what you choose here, for as long as you choose. You can change your mind at any time."
            )
            .class("hint")
            Paragraph { Link("See who has looked at your record", url: AppURL.whoLooked.path) }
            Paragraph {
                Link("Download everything we hold about you", url: AppURL.exportRecord.path)
                Text(": a zip file with a page to read and the same in JSON for another program.")
            }
            current(viewer, consents: consents, names: names, revocable: true)
            Element(name: "section") {
                H2("Share something")
                consentForm(
                    viewer, action: AppURL.sharing, clinicians: clinicians, form: form, errors: errors, methods: [],
                    button: "Share this")
            }
            .id("share")
            Element(name: "section") {
                H2("Tell me when someone reads")
                Paragraph(
                    "Choose the parts of your record you'd like to hear about in your inbox, each time someone other than you reads them."
                )
                .class("hint")
                if let problem = errors["alerts"] { Paragraph(problem).class("field-error").id("alerts-error") }
                Form(url: AppURL.readAlerts.path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    checkboxes(name: "alerts", legend: "Tell me about reads of", chosen: Set(peer.readAlertCategories.map(\.rawValue)))
                    Button("Save these choices").safeAttribute("type", "submit")
                }
            }
            history(consents: consents, names: names, now: viewer.now)
        }
    }

    static func worker(
        _ viewer: Viewer, opened: RecordDoor.Opened, consents: [ConsentProvision], clinicians: [(id: UUID, name: String)],
        names: [UUID: String], form: SharingController.Form, errors: FieldErrors, notice: String?, status: HTTPResponseStatus
    ) -> Response {
        let peer = opened.peer
        return viewer.page("What \(peer.preferredName) shares", status: status) {
            Written.heading("What \(peer.preferredName) shares")
            if let notice { Written.notice(notice) }
            Paragraph {
                Link("Back to \(peer.preferredName)'s journey", url: AppURL.relationship(opened.relationship.id ?? UUID()).path)
            }
            Paragraph(
                "When \(peer.preferredName) tells you, in person or by phone, that someone may read part of their record, write it down here in their words. They see it in their portal and can revoke it there."
            )
            .class("hint")
            current(viewer, consents: consents, names: names, revocable: false)
            Element(name: "section") {
                H2("Write down a consent")
                consentForm(
                    viewer, action: .relationshipConsents(opened.relationship.id ?? UUID()), clinicians: clinicians, form: form,
                    errors: errors, methods: [.inPerson, .phone], button: "Write it down")
            }
            history(consents: consents, names: names, now: viewer.now)
        }
    }

    private static func current(_ viewer: Viewer, consents: [ConsentProvision], names: [UUID: String], revocable: Bool) -> Component {
        let now = viewer.now
        let holding = consents.filter { [.inForce, .notYet].contains($0.standing(at: now)) }
        return Element(name: "section") {
            H2("Shared now")
            if holding.isEmpty {
                Paragraph("Nobody beyond your peer worker can read your record.")
            } else {
                List(holding) { provision in
                    ListItem {
                        Paragraph(ConsentWords.sentence(provision, audienceName: audienceName(provision, names: names))).class("consent")
                        Paragraph(
                            "For: \(provision.purpose). Given \(provision.method.plainWords) on \(DateText.day(provision.recordedAt))"
                                + (provision.method == .portal ? "" : ", written down by \(names[provision.recordedBy] ?? "a peer worker")")
                                + "."
                        )
                        .class("hint")
                        if revocable {
                            Form(url: AppURL.revokeConsent(provision.id).path, method: .post) {
                                CSRFField(token: viewer.csrfToken)
                                Button("Revoke").safeAttribute("type", "submit").class("secondary")
                                    .safeAttribute(
                                        "aria-label",
                                        "Revoke: \(ConsentWords.sentence(provision, audienceName: audienceName(provision, names: names)))")
                            }
                        }
                    }
                }
                .class("consents")
            }
        }
    }

    private static func history(consents: [ConsentProvision], names: [UUID: String], now: Date) -> Component {
        let earlier = consents.filter { [.expired, .revoked].contains($0.standing(at: now)) }
        return Element(name: "section") {
            if !earlier.isEmpty {
                H2("Earlier")
                List(earlier) { provision in
                    ListItem {
                        Text(ConsentWords.sentence(provision, audienceName: audienceName(provision, names: names)) + " ")
                        Tag.strong(
                            provision.standing(at: now) == .revoked
                                ? "Revoked on \(DateText.day(provision.revokedAt ?? now))."
                                : "Ended on \(DateText.day(provision.endsAt ?? now)).")
                    }
                }
            }
        }
    }

    static func checkboxes(name: String, legend: String, chosen: Set<String>, error: String? = nil) -> Component {
        CheckboxChoices(
            legend: legend, name: name, options: InformationCategory.shareable.map { ($0.rawValue, $0.heading) }, chosen: chosen,
            error: error)
    }

    private static func consentForm(
        _ viewer: Viewer, action: AppURL, clinicians: [(id: UUID, name: String)], form: SharingController.Form, errors: FieldErrors,
        methods: [ConsentMethod], button: String
    ) -> Component {
        ComponentGroup {
            ErrorSummary(
                errors: errors,
                fields: [
                    ("audience", "Who can read it"), ("clinician", "Which partner clinician"), ("categories", "What they can read"),
                    ("purpose", "What it's for"), ("from", "From"), ("until", "Until"), ("method", "How it was given"),
                ])
            Form(url: action.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                RadioChoices(
                    legend: "Who can read it", name: "audience",
                    options: [ConsentAudience.clinician, .workerSupervisor, .peerTeam].map {
                        ($0.rawValue, $0.plainWords.capitalisedFirst)
                    },
                    selected: form.audience, error: errors["audience"])
                SelectField(
                    label: "Which partner clinician", name: "clinician", options: clinicians.map { ($0.id.uuidString, $0.name) },
                    selected: form.clinician, error: errors["clinician"],
                    hint: clinicians.isEmpty
                        ? "This service has no partner clinicians yet: ask them to add the one you mean."
                        : "Only when a partner clinician can read it.")
                checkboxes(
                    name: "categories", legend: "What they can read", chosen: Set(form.categories ?? []), error: errors["categories"])
                TextAreaField(
                    label: "What it's for", name: "purpose", value: form.purpose ?? "", error: errors["purpose"],
                    hint: "Such as “so my GP knows my plan in a crisis”.", maxLength: ConsentForm.purposeLimit)
                FormField(
                    label: "From", name: "from", type: .date, value: form.from ?? "", error: errors["from"],
                    hint: "Leave empty to start today.")
                FormField(
                    label: "Until", name: "until", type: .date, value: form.until ?? "", error: errors["until"],
                    hint: "The last day they can read it. Leave empty until you change your mind.")
                if !methods.isEmpty {
                    RadioChoices(
                        legend: "How it was given", name: "method", options: methods.map { ($0.rawValue, $0.plainWords.capitalisedFirst) },
                        selected: form.method, error: errors["method"])
                }
                Button(button).safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
        }
    }
}

extension String {
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
