import AlongsideDomain
import Plot
import Vapor

/// On a relationship page: the conversations planned next, and a short form to plan one.
struct PlansSection: Component {
    let viewer: Viewer
    let relationship: Relationship
    let plans: [PlannedConversation]
    let form: PlanningController.Form
    let errors: FieldErrors
    let canPlan: Bool
    /// The place is the peer's and their worker's; others see when, not where.
    var showsPlace = true

    var body: Component {
        guard let relationshipID = relationship.id, canPlan || !plans.isEmpty else { return EmptyComponent() }
        return Element(name: "section") {
            H2("Planned next")
            if plans.isEmpty {
                Paragraph("Nothing planned yet.")
            } else {
                List(plans) { plan in
                    ListItem {
                        Text(plan.summary(withPlace: showsPlace) + " ")
                        if canPlan, let id = plan.id {
                            Form(url: AppURL.cancelPlan(id).path, method: .post) {
                                CSRFField(token: viewer.csrfToken)
                                Button("Cancel this plan").safeAttribute("type", "submit").class("link-button")
                                    .safeAttribute("aria-label", "Cancel the plan for \(DateText.long(plan.startsAt))")
                            }
                            .class("inline")
                        }
                    }
                }
                .class("plans")
            }
            if canPlan {
                ErrorSummary(
                    errors: errors,
                    fields: [("plannedFor", "When"), ("plannedMinutes", "How long"), ("plannedMode", "How"), ("plannedPlace", "Where")])
                Element(name: "details") {
                    Element(name: "summary") { Text("Plan the next conversation") }
                    Form(url: AppURL.plans(relationshipID).path, method: .post) {
                        CSRFField(token: viewer.csrfToken)
                        FormField(
                            label: "When", name: "plannedFor", type: .datetimeLocal,
                            value: form.plannedFor ?? Self.suggestedTime(after: viewer.now),
                            error: errors["plannedFor"],
                            hint: DateText.fieldHint)
                        FormField(
                            label: "How long, in minutes", name: "plannedMinutes", type: .number, value: form.plannedMinutes ?? "60",
                            error: errors["plannedMinutes"])
                        RadioChoices(
                            legend: "How will you talk?", name: "plannedMode",
                            options: ConversationMode.allCases.map { ($0.rawValue, $0.displayName) }, selected: form.plannedMode,
                            error: errors["plannedMode"])
                        FormField(
                            label: "Where (optional)", name: "plannedPlace", value: form.plannedPlace ?? "", error: errors["plannedPlace"],
                            hint: "Shown in your calendar, so a place, not a person's address.", maxLength: ConversationDraft.placeLimit)
                        Button("Save the plan").safeAttribute("type", "submit")
                    }
                    .safeAttribute("novalidate", "novalidate")
                }
                .safeAttribute("open", errors.messages.keys.contains(where: { $0.hasPrefix("planned") }) ? "open" : nil)
            }
        }
        .class("planned")
    }

    /// A week from now on the hour: people often meet at the same time each week.
    static func suggestedTime(after now: Date) -> String {
        let weekLater = now.addingTimeInterval(7 * 86_400)
        return LocalDateTime.text(Date(timeIntervalSince1970: (weekLater.timeIntervalSince1970 / 3600).rounded(.up) * 3600))
    }
}
