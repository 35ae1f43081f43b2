import AlongsideDomain
import Plot
import Vapor

/// On a relationship page: the conversations planned next, and a short form to plan one.
struct PlansSection: WrittenHTML {
    let viewer: Viewer
    let relationship: Relationship
    let plans: [PlannedConversation]
    let form: PlanningController.Form
    let errors: FieldErrors
    let canPlan: Bool
    /// The place is the peer's and their worker's; others see when, not where.
    var showsPlace = true

    var html: Markup {
        guard let relationshipID = relationship.id, canPlan || !plans.isEmpty else { return "" }
        var html: Markup = "<section class=\"planned\"><h2>Planned next</h2>"
        if plans.isEmpty {
            html += "<p>Nothing planned yet.</p>"
        } else {
            html += "<ul class=\"plans\">"
            for plan in plans {
                html += "<li>\(plan.summary(withPlace: showsPlace) + " ")"
                if canPlan, let id = plan.id {
                    html +=
                        Written.postForm(AppURL.cancelPlan(id), token: viewer.csrfToken, class: "inline", novalidate: false)
                        + "<button type=\"submit\" class=\"link-button\" aria-label=\"Cancel the plan for \(DateText.long(plan.startsAt))\">Cancel this plan</button></form>"
                }
                html += "</li>"
            }
            html += "</ul>"
        }
        if canPlan {
            let open = errors.messages.keys.contains(where: { $0.hasPrefix("planned") })
            html +=
                ErrorSummary(
                    errors: errors,
                    fields: [("plannedFor", "When"), ("plannedMinutes", "How long"), ("plannedMode", "How"), ("plannedPlace", "Where")]
                ).html
            html += Written.details("Plan the next conversation", open: open)
            html += Written.postForm(AppURL.plans(relationshipID), token: viewer.csrfToken)
            html +=
                FormField(
                    label: "When", name: "plannedFor", type: .datetimeLocal,
                    value: form.plannedFor ?? Self.suggestedTime(after: viewer.now),
                    error: errors["plannedFor"], hint: DateText.fieldHint
                ).html
            html +=
                FormField(
                    label: "How long, in minutes", name: "plannedMinutes", type: .number, value: form.plannedMinutes ?? "60",
                    error: errors["plannedMinutes"]
                ).html
            html +=
                RadioChoices(
                    legend: "How will you talk?", name: "plannedMode",
                    options: ConversationMode.allCases.map { ($0.rawValue, $0.displayName) }, selected: form.plannedMode,
                    error: errors["plannedMode"]
                ).html
            html +=
                FormField(
                    label: "Where (optional)", name: "plannedPlace", value: form.plannedPlace ?? "", error: errors["plannedPlace"],
                    hint: "Shown in your calendar, so a place, not a person's address.", maxLength: ConversationDraft.placeLimit
                ).html
            html += "<button type=\"submit\">Save the plan</button></form></details>"
        }
        return html + "</section>"
    }

    /// A week from now on the hour: people often meet at the same time each week.
    static func suggestedTime(after now: Date) -> String {
        let weekLater = now.addingTimeInterval(7 * 86_400)
        return LocalDateTime.text(Date(timeIntervalSince1970: (weekLater.timeIntervalSince1970 / 3600).rounded(.up) * 3600))
    }
}
