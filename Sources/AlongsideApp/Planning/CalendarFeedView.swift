import AlongsideDomain
import Plot
import Vapor

enum CalendarFeedView {
    static func settings(_ viewer: Viewer, active: CalendarFeedRecord?, newAddress: String?) -> Response {
        let revoked = viewer.query("revoked") == "1"
        return viewer.page("Your calendar") {
            H1("Your planned conversations in your calendar")
            Paragraph(
                "Your phone's calendar can show the conversations you plan. Each one shows the peer's initials, the time and the place: never a name or anything you've written, because calendars are often seen by others and kept by other companies."
            )
            .class("hint")
            if revoked {
                Paragraph("That address has stopped working. Remove the calendar from your phone too.").class("notice").safeAttribute(
                    "role", "status")
            }
            if let newAddress {
                Paragraph("Your new calendar address is ready.").class("notice").safeAttribute("role", "status")
                Div {
                    Label("Calendar address") {}.safeAttribute("for", "calendar-address")
                    Input(type: .text, name: "calendar-address").id("calendar-address").safeAttribute("value", newAddress)
                        .safeAttribute("readonly", "readonly")
                }
                .class("field")
                Paragraph(
                    "Add it to your phone as a subscribed calendar (\"Add calendar from URL\"). It is shown only now. Anyone with this address can see your plans, so keep it to yourself; if it gets out, make a new one here."
                )
                .class("hint")
            } else if let active {
                Paragraph("You have a calendar address, made \(DateText.long(active.createdAt)).")
            } else {
                Paragraph("You don't have a calendar address yet.")
            }
            Form(url: AppURL.calendarSettings.path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                Button(active == nil ? "Make a calendar address" : "Make a new address (the old one stops working)").safeAttribute(
                    "type", "submit")
            }
            if active != nil {
                Form(url: AppURL.calendarRevoke.path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    Button("Stop my calendar address").safeAttribute("type", "submit").class("danger")
                }
            }
        }
    }
}
