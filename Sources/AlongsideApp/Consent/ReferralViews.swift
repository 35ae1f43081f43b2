import AlongsideDomain
import Plot
import Vapor

enum ReferralViews {
    static func statusText(_ referral: Referral) -> String {
        switch Referral.Status(rawValue: referral.status) ?? .waiting {
        case .waiting: "Waiting for a coordinator"
        case .accepted: "Accepted on \(DateText.day(referral.answeredAt ?? referral.sentAt))"
        case .declined: "Declined on \(DateText.day(referral.answeredAt ?? referral.sentAt)): \(referral.declineReason ?? "")"
        }
    }

    static func clinician(
        _ viewer: Viewer, referrals: [Referral], form: ReferralsController.Form, errors: FieldErrors, notice: String?,
        status: HTTPResponseStatus
    ) -> Response {
        viewer.page("Refer someone", status: status) {
            Written.heading("Refer someone to the peer service")
            if let notice { Written.notice(notice) }
            Paragraph("Tell the service who, how to reach them, and why peer support. Only coordinators read a referral.").class("hint")
            ErrorSummary(
                errors: errors, fields: [("name", "Their name"), ("howToReach", "How to reach them"), ("reason", "Why peer support")])
            Form(url: AppURL.referrals.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                FormField(label: "Their name", name: "name", value: form.name ?? "", error: errors["name"], maxLength: PlanText.nameLimit)
                FormField(
                    label: "How to reach them", name: "howToReach", value: form.howToReach ?? "", error: errors["howToReach"],
                    hint: "A phone number or address they're happy to be contacted on.", maxLength: 300)
                TextAreaField(
                    label: "Why peer support", name: "reason", value: form.reason ?? "", error: errors["reason"],
                    hint: "What they'd like from it, in a few words, ideally as they put it.", maxLength: ReferralForm.reasonLimit)
                Button("Send the referral").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
            if !referrals.isEmpty {
                H2("Your referrals")
                List(referrals) { referral in
                    ListItem {
                        Tag.strong(referral.personName)
                        Text(", sent \(DateText.day(referral.sentAt)). ")
                        Text(statusText(referral))
                    }
                }
                .class("referrals")
            }
        }
    }

    static func inbox(
        _ viewer: Viewer, referrals: [Referral], names: [UUID: String], workers: [(id: UUID, name: String)], errors: [UUID: FieldErrors],
        answers: [UUID: ReferralsController.Answer], notice: String?, status: HTTPResponseStatus
    ) -> Response {
        let waiting = referrals.filter { $0.status == Referral.Status.waiting.rawValue }
        let answered = referrals.filter { $0.status != Referral.Status.waiting.rawValue }
        return viewer.page("Referrals", status: status) {
            Written.heading("Referrals")
            if let notice { Written.notice(notice) }
            if waiting.isEmpty { Paragraph("No referrals are waiting.") }
            for referral in waiting {
                let id = referral.id ?? UUID()
                let problems = errors[id] ?? FieldErrors()
                let answer = answers[id] ?? ReferralsController.Answer()
                Element(name: "section") {
                    H2("\(referral.personName), from \(names[referral.referredBy] ?? "a partner clinician")")
                    Tag.dl {
                        Tag.pair("Sent", DateText.day(referral.sentAt))
                        Tag.pair("How to reach them", referral.howToReach)
                        Tag.pair("Why peer support", referral.reason)
                    }
                    Form(url: AppURL.acceptReferral(id).path, method: .post) {
                        CSRFField(token: viewer.csrfToken)
                        SelectField(
                            label: "Peer worker to walk alongside them", name: "worker",
                            options: workers.map { ($0.id.uuidString, $0.name) },
                            selected: answer.worker, error: problems["worker"], id: "worker-\(id.uuidString.lowercased())")
                        Button("Accept").safeAttribute("type", "submit")
                    }
                    .class("referral-accept")
                    Form(url: AppURL.declineReferral(id).path, method: .post) {
                        CSRFField(token: viewer.csrfToken)
                        TextAreaField(
                            label: "Why not", name: "declineReason", value: answer.declineReason ?? "", error: problems["declineReason"],
                            hint: "This goes back to the clinician.", maxLength: 1_000, id: "declineReason-\(id.uuidString.lowercased())")
                        Button("Decline").safeAttribute("type", "submit").class("secondary")
                    }
                    .class("referral-decline")
                }
                .class("referral")
            }
            if !answered.isEmpty {
                H2("Answered")
                List(answered) { referral in
                    ListItem {
                        Tag.strong(referral.personName)
                        Text(", from \(names[referral.referredBy] ?? "a partner clinician"). \(statusText(referral))")
                        if let by = referral.answeredBy { Text(" (\(names[by] ?? "a coordinator"))") }
                    }
                }
            }
        }
    }
}
