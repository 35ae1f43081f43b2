import Vapor

/// An error whose message is written for the person who sees it. Anything else that goes wrong
/// is shown with a generic message for its status, never its internal reason.
struct PageError: Error, Sendable {
    let status: HTTPResponseStatus
    let title: String
    let message: String

    static func forbidden(_ reason: String) -> PageError {
        PageError(status: .forbidden, title: "You can't open this page", message: reason)
    }

    static func gone(_ message: String) -> PageError {
        PageError(status: .gone, title: "This link can't be used", message: message)
    }

    static let notFound = PageError(
        status: .notFound, title: "We couldn't find that page",
        message: "The address may be mistyped, or what was here has moved. Check the address, or go back to your home page.")

    static let formExpired = PageError(
        status: .forbidden, title: "This form has expired",
        message: "For your safety each form can only be sent from the page that showed it. Go back, reload the page, and try again.")

    /// The message shown for a status when the error carries none meant for people.
    static func generic(for status: HTTPResponseStatus) -> PageError {
        switch status.code {
        case 404: .notFound
        case 403: .forbidden("You don't have access to this page. If you think you should, ask your organisation's admin.")
        case 400, 422:
            PageError(
                status: status, title: "Something in the request wasn't right",
                message: "Go back, check what you entered, and try again.")
        case 413:
            PageError(
                status: status, title: "That was too much to send at once",
                message: "Shorten what you entered and try again.")
        case 405: PageError(status: status, title: "That page can't be used this way", message: "Go back and use the page's own buttons.")
        case 429: PageError(status: status, title: "Too many requests", message: "Wait a minute and try again.")
        case 500..<600:
            PageError(
                status: .internalServerError, title: "Something went wrong on our side",
                message: "Nothing you did caused this. Your last change may not have been saved: please check, and try again in a moment.")
        default: PageError(status: status, title: "That didn't work", message: "Go back and try again.")
        }
    }
}
