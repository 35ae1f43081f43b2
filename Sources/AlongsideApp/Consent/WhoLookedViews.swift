import AlongsideDomain
import Plot
import Vapor

/// Reads of a peer's record as sentences: to the peer about themselves, to a coordinator about the service.
enum WhoLookedViews {
    static func sentence(_ line: WhoLookedController.Line, forPeer: Bool) -> String {
        let read = line.read
        let role = Role(rawValue: read.readerRole) ?? .peerWorker
        let basis = RecordRead.Basis(rawValue: read.basis) ?? .relationship
        let category = InformationCategory(rawValue: read.category)
        let what =
            forPeer
            ? (category?.plainWords ?? "your record") : "\(line.peerName ?? "a peer")'s \(category?.heading.lowercased() ?? "record")"
        let who = forPeer ? ReadWords.role(role, basis) : role.displayName.lowercased()
        var text = "\(line.readerName), \(who), read \(what) on \(DateText.long(read.readAt))"
        switch basis {
        case .consent: text += forPeer ? ", because you chose to share it" : ", under consent"
        case .supervision: text += forPeer ? ", in supervision" : ", in supervision"
        case .service: text += forPeer ? ", while looking after the service" : ""
        case .relationship: break
        case .breakGlass:
            text += forPeer ? ", in an emergency, without your consent (a coordinator reviews every one)" : ", in an emergency"
        }
        return text + "."
    }

    static func mine(_ viewer: Viewer, lines: [WhoLookedController.Line], more: Bool) -> Response {
        viewer.page("Who has looked at your record") {
            Written.heading("Who has looked at your record")
            Paragraph(
                "Every time someone other than you reads part of your record, it's written down here: who, in which role, and when. Nobody can remove a line."
            )
            .class("hint")
            Paragraph { Link("Choose who can read your record, and what you hear about", url: AppURL.sharing.path) }
            if lines.isEmpty {
                Paragraph("Nobody else has read your record yet.")
            } else {
                List(lines) { line in ListItem(sentence(line, forPeer: true)) }.class("reads")
                if more {
                    Paragraph("These are the latest \(WhoLookedController.pageSize). Ask your peer worker for the whole list.").class(
                        "hint")
                }
            }
        }
    }

    static func service(
        _ viewer: Viewer, lines: [WhoLookedController.Line], more: Bool, filter: WhoLookedController.Filter,
        readers: [(key: UUID, value: String)]
    ) -> Response {
        viewer.page("Who read which record") {
            Written.heading("Who read which record")
            Paragraph(
                "Every read of a peer's record by someone other than the peer, newest first. Each peer sees the same lines about their own record."
            )
            .class("hint")
            Form(url: AppURL.recordReads.path, method: .get) {
                SelectField(
                    label: "Who read", name: "reader", options: readers.map { ($0.key.uuidString, $0.value) }, selected: filter.reader,
                    prompt: "Anyone")
                SelectField(
                    label: "Which part", name: "category", options: InformationCategory.shareable.map { ($0.rawValue, $0.heading) },
                    selected: filter.category, prompt: "Any part")
                SelectField(
                    label: "On what grounds", name: "basis",
                    options: [
                        ("relationship", "Their relationship"), ("supervision", "Supervision"), ("service", "Running the service"),
                        ("consent", "The peer's consent"), ("break-glass", "An emergency opening"),
                    ],
                    selected: filter.basis, prompt: "Any")
                Button("Show").safeAttribute("type", "submit")
            }
            .class("filters")
            if lines.isEmpty {
                Paragraph("No reads match.")
            } else {
                List(lines) { line in ListItem(sentence(line, forPeer: false)) }.class("reads")
                if more {
                    Paragraph("The latest \(WhoLookedController.pageSize) are shown: narrow the filters to see others.").class("hint")
                }
            }
        }
    }
}
