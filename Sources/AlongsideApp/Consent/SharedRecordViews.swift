import AlongsideDomain
import Plot
import Vapor

enum SharedRecordViews {
    static func list(_ viewer: Viewer, shared: [(Peer, [InformationCategory])], earlier: [Peer]) -> Response {
        let canRefer = viewer.may(.sendReferral, Resource(kind: .site, organisationID: viewer.signedIn?.actor.organisationID))
        return viewer.page("Shared with you") {
            Written.heading("Shared with you")
            Paragraph(
                "Only the people who chose to share part of their record with you are here, and you see only what they chose, for as long as they choose."
            )
            .class("hint")
            if canRefer { Paragraph { Link("Refer someone to the peer service", url: AppURL.newReferral.path) } }
            if shared.isEmpty {
                Paragraph("Nobody shares anything with you now.")
            } else {
                List(shared) { peer, parts in
                    ListItem {
                        Link(peer.preferredName, url: AppURL.sharedRecord(peer.id ?? UUID()).path)
                        Text(": " + ConsentWords.list(parts.map { $0.heading.lowercased() }))
                    }
                }
            }
            if !earlier.isEmpty {
                H2("No longer shared with you")
                List(earlier) { peer in ListItem(peer.preferredName) }
            }
        }
    }

    static func show(
        _ viewer: Viewer, peer: Peer, shown: [RecordDoor.Shown], contents: SharedRecordContents, breakGlass: BreakGlassRecord?,
        worker: (name: String, shown: (status: Bool, story: String?)?)
    ) -> Response {
        viewer.page("\(peer.preferredName)'s shared record") {
            if let breakGlass {
                Written.heading("\(peer.preferredName)'s record, opened in an emergency")
                Paragraph(
                    "You opened it at \(DateText.time(breakGlass.openedAt)) because \(breakGlass.reasonWords). It closes at \(DateText.time(breakGlass.expiresAt)). \(peer.preferredName) and the coordinators have been told, and a coordinator will review it."
                )
                .class("notice consent-basis")
            } else {
                Written.heading("What \(peer.preferredName) shares with you")
            }
            Paragraph { Link("Everyone who shares with you", url: AppURL.sharedWithMe.path) }
            Paragraph("Their peer worker: \(worker.name).")
            DisclosedStory(name: worker.name, shown: worker.shown)
            for part in shown {
                Element(name: "section") {
                    H2(part.category.heading)
                    if let consent = part.consent {
                        Paragraph(
                            "Shown under the consent \(peer.preferredName) gave \(consent.method.plainWords) on \(DateText.day(consent.recordedAt)), for: \(consent.purpose)."
                                + (consent.endsAt.map { " Until \(DateText.day($0.addingTimeInterval(-1)))." }
                                    ?? " Until they change their mind.")
                        )
                        .class("hint consent-basis")
                    }
                    body(part.category, peer: peer, contents: contents)
                }
                .id("part-\(part.category.rawValue)")
            }
        }
    }

    @ComponentBuilder
    private static func body(_ category: InformationCategory, peer: Peer, contents: SharedRecordContents) -> Component {
        switch category {
        case .profile:
            Tag.dl {
                Tag.pair("Name", peer.preferredName)
                if !peer.pronouns.isEmpty { Tag.pair("Pronouns", peer.pronouns) }
                if !peer.howToReach.isEmpty { Tag.pair("How to reach them", peer.howToReach) }
                if !peer.whenToReach.isEmpty { Tag.pair("When", peer.whenToReach) }
                if !peer.languages.isEmpty { Tag.pair("Languages", peer.languages) }
                if !peer.accessNeeds.isEmpty { Tag.pair("Access needs", peer.accessNeeds) }
                if !peer.aboutMe.isEmpty { Tag.pair("In their words", peer.aboutMe) }
            }
        case .journey:
            if let journey = contents.journey {
                let stage = Journey(journey.transitions.compactMap(\.transition)).currentStage
                Tag.dl {
                    Tag.pair("With the peer service since", DateText.day(journey.relationship.startedAt))
                    Tag.pair("Where they are now", stage?.displayName ?? "Just starting")
                }
            } else {
                Paragraph("Nothing here yet.")
            }
        case .sharedNotes:
            if contents.notes.isEmpty {
                Paragraph("No shared notes yet.")
            } else {
                List(contents.notes) { note in
                    ListItem {
                        Tag.strong(DateText.day(note.occurredAt))
                        Paragraph(note.sharedNote).class("note-text")
                    }
                }
            }
        case .plans:
            if let towards = contents.towards, let plan = towards.plan {
                Paragraph(plan.vision.isEmpty ? "(No words yet for where they want to be.)" : plan.vision).class("note-text")
                List(towards.steps) { step in ListItem(step.text) }
            } else {
                Paragraph("No moving-towards plan yet.")
            }
        case .safetyPlan:
            if let plan = contents.safetyPlan, !plan.sections.isEmpty {
                let sections = plan.sections
                Tag.dl {
                    for section in SafetyPlanSection.allCases where !sections[section].isEmpty {
                        Tag.pair(section.title, sections[section])
                    }
                }
            } else {
                Paragraph("No safety plan yet.")
            }
        case .concernRecords:
            if contents.concerns.isEmpty {
                Paragraph("No concern conversations.")
            } else {
                List(contents.concerns) { concern in
                    ListItem {
                        Tag.strong(DateText.day(concern.openedAt))
                        Paragraph(concern.noticed).class("note-text")
                    }
                }
            }
        case .mutuality:
            if contents.checkIns.isEmpty {
                Paragraph("No check-ins yet.")
            } else {
                List(contents.checkIns) { checkIn in
                    ListItem {
                        Tag.strong(DateText.day(checkIn.answeredAt))
                        Text(checkIn.line.isEmpty ? " (no words added)" : ": \(checkIn.line)")
                    }
                }
            }
        case .outcomes:
            Paragraph("This service doesn't record outcomes or measures yet.")
        case .accountDetails, .practiceReflection, .billingRecord:
            Paragraph("Not shared.")
        }
    }
}
