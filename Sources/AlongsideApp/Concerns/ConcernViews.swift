import AlongsideDomain
import Plot
import Vapor

enum ConcernViews {
    static func policyPanel(_ policy: String) -> Component {
        Element(name: "aside") {
            H2("The service's policy for imminent danger")
            Paragraph(policy).class("note-text")
        }
        .class("danger-policy")
        .safeAttribute("aria-label", "Policy for imminent danger")
    }

    static func new(
        _ viewer: Viewer, access: RecordDoor.Opened, policy: String, form: ConcernController.Form, errors: FieldErrors,
        status: HTTPResponseStatus
    ) -> Response {
        let peer = access.peer.preferredName
        let id = access.relationship.id ?? UUID()
        return viewer.page("A concern conversation", status: status) {
            H1("A concern conversation with \(peer)")
            Paragraph(
                "Write this together, as an agreement: what you noticed, what \(peer) wants and what would help them feel safe, what each of you will do. \(peer) can read it. You can name your own worry too; it's not an assessment."
            )
            .class("hint")
            Paragraph { Link("Back to \(peer)'s page", url: AppURL.relationship(id).path) }
            policyPanel(policy)
            ErrorSummary(
                errors: errors,
                fields: [
                    ("noticed", "What I noticed"), ("peerWants", "What they want"), ("peerWillDo", "What they'll do"),
                    ("workerWillDo", "What I'll do"), ("talkAgainOn", "When we'll talk again"),
                ])
            Form(url: AppURL.concerns(id).path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                TextAreaField(
                    label: "What I noticed that worried me", name: "noticed", value: form.noticed ?? "", error: errors["noticed"],
                    maxLength: ConcernDraft.textLimit)
                TextAreaField(
                    label: "What \(peer) said they want, and what would help them feel safe", name: "peerWants",
                    value: form.peerWants ?? "", error: errors["peerWants"], hint: "In their words, as far as you can.",
                    maxLength: ConcernDraft.textLimit)
                TextAreaField(
                    label: "What \(peer) agreed to do", name: "peerWillDo", value: form.peerWillDo ?? "", error: errors["peerWillDo"],
                    maxLength: ConcernDraft.textLimit)
                TextAreaField(
                    label: "What I agreed to do", name: "workerWillDo", value: form.workerWillDo ?? "", error: errors["workerWillDo"],
                    maxLength: ConcernDraft.textLimit)
                FormField(
                    label: "When we'll talk again", name: "talkAgainOn", type: .date, value: form.talkAgainOn ?? "",
                    error: errors["talkAgainOn"], hint: "Within \(ConcernDraft.talkAgainWithinDays) days.")
                Button("Save the agreement").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate").safeAttribute("data-draft", "keep")
        }
    }

    static func show(
        _ viewer: Viewer, loaded: ConcernController.Loaded, escalation: EscalationRecord?, policy: String, names: [UUID: String],
        form: ConcernController.Form, errors: FieldErrors, status: HTTPResponseStatus
    ) -> Response {
        let concern = loaded.concern
        let id = concern.id ?? UUID()
        let forPeer = loaded.viewerIsPeer
        let peer = loaded.peer.preferredName
        let me = viewer.signedIn?.actor.accountID
        let worker = concern.workerID == me ? "me" : names[concern.workerID] ?? "the peer worker"
        let resource = loaded.relationship.peerResource(
            .concernRecords, peer: loaded.peer, ended: loaded.ended, supervisorIDs: loaded.supervisors)
        let canEscalate = viewer.may(.escalateConcern, resource) && !forPeer
        let canClose = viewer.may(.recordConcern, resource) && !forPeer
        let isSupervisor = !forPeer && !canClose
        let notice: String? =
            if viewer.query("recorded") == "1" {
                "The agreement is saved. \(peer) can read it\(loaded.peer.accountID == nil ? " once they have a login" : "")."
            } else if viewer.query("escalated") == "1" {
                loaded.supervisors.isEmpty
                    ? "The escalation is recorded. You have no supervisor linked, so the service's coordinators were told to talk with you."
                    : "The escalation is recorded and your supervisor has been told. A follow-up is due by \(escalation.map { DateText.long($0.followUpDue) } ?? "tomorrow")."
            } else if viewer.query("followedUp") == "1" {
                "The follow-up is recorded."
            } else if viewer.query("closed") == "1" {
                "The concern is closed. It stays on the record."
            } else { nil }
        let title =
            forPeer
            ? "What we agreed on \(DateText.day(concern.openedAt))"
            : "Concern conversation with \(isSupervisor ? Initials.of(peer) : peer), \(DateText.day(concern.openedAt))"
        return viewer.page("Concern conversation", status: status) {
            H1(title)
            if let notice { Paragraph(notice).class("notice").safeAttribute("role", "status") }
            Paragraph(concern.isOpen ? "Open" : "Closed on \(concern.closedAt.map(DateText.day) ?? "")").class("concern-status")
            Paragraph {
                if forPeer {
                    Link("Back to my journey", url: AppURL.portal.path)
                } else if isSupervisor {
                    Link("Back to supervision", url: AppURL.supervision.path)
                } else {
                    Link("Back to \(peer)'s page", url: AppURL.relationship(loaded.relationship.id ?? UUID()).path)
                }
            }
            Tag.dl {
                Tag.pair(forPeer ? "What \(worker) noticed" : "What \(worker == "me" ? "I" : worker) noticed", concern.noticed)
                Tag.pair(
                    forPeer
                        ? "What you said you want, and what would help you feel safe"
                        : "What \(isSupervisor ? "the peer" : peer) wants and what would help them feel safe",
                    concern.peerWants.isEmpty ? "Not written" : concern.peerWants)
                Tag.pair(
                    forPeer ? "What you agreed to do" : "What \(isSupervisor ? "the peer" : peer) agreed to do",
                    concern.peerWillDo.isEmpty ? "Nothing written" : concern.peerWillDo)
                Tag.pair(
                    forPeer ? "What \(worker) agreed to do" : "What the peer worker agreed to do",
                    concern.workerWillDo.isEmpty ? "Nothing written" : concern.workerWillDo)
                Tag.pair("When we'll talk again", DateText.calendarDay(concern.talkAgainOn))
                if let note = concern.closingNote, !note.isEmpty { Tag.pair("How things stood when it closed", note) }
            }
            if canClose {
                // A worried worker can slip into clinical or deficit words; the guide offers the peer's way of saying it.
                ConversationViews.suggestions(
                    viewer.languageGuide.check(
                        [concern.noticed, concern.peerWants, concern.peerWillDo, concern.workerWillDo].joined(separator: "\n")),
                    for: "this concern conversation")
            }
            if let escalation {
                Element(name: "section") {
                    H2("Escalated under the imminent-danger policy")
                    Tag.dl {
                        Tag.pair("Who was contacted", escalation.contacted)
                        Tag.pair("When", DateText.long(escalation.contactedAt))
                        Tag.pair("Why", escalation.why)
                        Tag.pair("Recorded by", names[escalation.recordedBy] ?? "the peer worker")
                        if let at = escalation.followedUpAt {
                            Tag.pair(
                                "Followed up",
                                "\(DateText.long(at)), by \(escalation.followedUpBy.flatMap { names[$0] } ?? "the peer worker")")
                            Tag.pair("How the follow-up went", escalation.followUpNote ?? "")
                        } else {
                            Tag.pair("Follow-up due by", DateText.long(escalation.followUpDue))
                        }
                    }
                    if canEscalate, escalation.followedUpAt == nil {
                        ErrorSummary(errors: errors, fields: [("followUp", "How the follow-up went")])
                        Form(url: AppURL.followUpConcern(id).path, method: .post) {
                            CSRFField(token: viewer.csrfToken)
                            TextAreaField(
                                label: "How the follow-up went", name: "followUp", value: form.followUp ?? "", error: errors["followUp"],
                                maxLength: EscalationDraft.textLimit)
                            Button("Record the follow-up").safeAttribute("type", "submit")
                        }
                        .safeAttribute("novalidate", "novalidate").safeAttribute("data-draft", "keep")
                    }
                }
                .class("escalation")
            } else if canEscalate, concern.isOpen {
                Element(name: "section") {
                    H2("If it met the policy for imminent danger")
                    policyPanel(policy)
                    ErrorSummary(
                        errors: errors,
                        fields: [("met", "It met the policy"), ("contacted", "Who was contacted"), ("contactedAt", "When"), ("why", "Why")])
                    Element(name: "details") {
                        Element(name: "summary") { Text("Record an escalation") }
                        Form(url: AppURL.escalateConcern(id).path, method: .post) {
                            CSRFField(token: viewer.csrfToken)
                            Div {
                                if let problem = errors["met"] { Paragraph(problem).class("field-error").id("met-error") }
                                Input(type: .checkbox, name: "met").id("met")
                                    .safeAttribute("checked", form.met == "on" ? "checked" : nil)
                                Label("The situation met the service's policy for imminent danger") {}.safeAttribute("for", "met")
                            }
                            .class(errors["met"] == nil ? "choice" : "choice has-error")
                            TextAreaField(
                                label: "Who was contacted", name: "contacted", value: form.contacted ?? "", error: errors["contacted"],
                                hint: "\(peer) will read this with the agreement: name the service or role.",
                                maxLength: EscalationDraft.textLimit)
                            FormField(
                                label: "When", name: "contactedAt", type: .datetimeLocal,
                                value: form.contactedAt ?? LocalDateTime.text(viewer.now),
                                error: errors["contactedAt"], hint: DateText.fieldHint)
                            TextAreaField(
                                label: "Why", name: "why", value: form.why ?? "", error: errors["why"],
                                hint: "\(peer) will read this too. Write it as you would say it to them.",
                                maxLength: EscalationDraft.textLimit)
                            Button("Record the escalation and tell my supervisor").safeAttribute("type", "submit")
                                .class("danger")
                        }
                        .safeAttribute("novalidate", "novalidate").safeAttribute("data-draft", "keep")
                    }
                    .safeAttribute("open", errors.isEmpty ? nil : "open")
                }
                .class("escalate")
            }
            if canClose, concern.isOpen {
                Element(name: "section") {
                    H2("Close this concern")
                    Form(url: AppURL.closeConcern(id).path, method: .post) {
                        CSRFField(token: viewer.csrfToken)
                        TextAreaField(
                            label: "How things stand now (optional)", name: "closingNote", value: form.closingNote ?? "",
                            error: errors["closingNote"], maxLength: ConcernDraft.textLimit)
                        Button("Close the concern").safeAttribute("type", "submit")
                    }
                    .safeAttribute("novalidate", "novalidate").safeAttribute("data-draft", "keep")
                }
            }
        }
    }
}
