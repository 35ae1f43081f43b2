import AlongsideDomain
import Foundation
import Plot

/// The archive as a page a person can open in any browser, offline: no script, no outside file,
/// dates in their own time zone, and nothing in it that isn't also in the JSON beside it.
enum PeerArchiveDocument {
    static func html(_ archive: PeerArchive) -> String {
        let name = archive.profile.preferredName
        return HTML(
            .head(
                .encoding(.utf8), .title("Everything \(archive.service) holds about \(name)"),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .raw(
                    "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:1rem auto;padding:0 1rem;line-height:1.5}"
                        + "h2{border-top:1px solid #ccc;padding-top:1rem}dt{font-weight:bold}.note{white-space:pre-wrap}</style>")),
            .body(
                .component(content(archive))
            )
        ).render()
    }

    @ComponentBuilder
    private static func content(_ archive: PeerArchive) -> Component {
        let profile = archive.profile
        H1("Everything \(archive.service) holds about \(profile.preferredName)")
        Paragraph(
            "Made on \(DateText.long(archive.exportedAt)). The file record.json beside this one holds the same, for another program to read."
        )
        H2("Your profile")
        Tag.dl {
            Tag.pair("Name", profile.preferredName)
            Tag.pair("Pronouns", profile.pronouns)
            Tag.pair("How to reach you", profile.howToReach)
            Tag.pair("When", profile.whenToReach)
            Tag.pair("Languages", profile.languages)
            Tag.pair("Access needs", profile.accessNeeds)
            Tag.pair("About you", profile.aboutMe)
        }
        for relationship in archive.relationships {
            H2("With \(relationship.worker), since \(DateText.day(relationship.startedAt))")
            H3("Stages")
            List(relationship.stages) { stage in
                ListItem("\(stage.stage), \(DateText.day(stage.at))" + (stage.reason.isEmpty ? "" : ": \(stage.reason)"))
            }
            H3("Conversations")
            if relationship.conversations.isEmpty { Paragraph("None.") }
            for note in relationship.conversations {
                H4(
                    "\(DateText.long(note.occurredAt)), \(note.minutes) minutes, \(note.mode)"
                        + (note.place.isEmpty ? "" : ", \(note.place)"))
                Paragraph(note.sharedNote).class("note")
                for earlier in note.earlierWordings {
                    Paragraph("Until \(DateText.long(earlier.until)) it read: \(earlier.text)").class("note")
                }
                for response in note.responses {
                    Paragraph("You wrote (\(response.kind), \(DateText.day(response.writtenAt))): \(response.text)").class("note")
                    if let answer = response.answer { Paragraph("The answer: \(answer)").class("note") }
                }
            }
            if let plan = relationship.towardsPlan {
                H3("Your moving-towards plan")
                Paragraph(plan.vision).class("note")
                List(plan.steps) { step in ListItem("\(step.text) (\(step.state))") }
                for learning in plan.learnings { Paragraph("Learned: \(learning)").class("note") }
                for review in plan.reviews { Paragraph("Looking back: \(review)").class("note") }
            }
            if !relationship.concerns.isEmpty {
                H3("Concern conversations")
                for concern in relationship.concerns {
                    H4(DateText.day(concern.openedAt))
                    Tag.dl {
                        Tag.pair("What was noticed", concern.noticed)
                        Tag.pair("What you wanted", concern.peerWants)
                        Tag.pair("What you'd do", concern.peerWillDo)
                        Tag.pair("What your worker would do", concern.workerWillDo)
                        if let note = concern.closingNote { Tag.pair("When it closed", note) }
                        if let escalation = concern.escalation {
                            Tag.pair(
                                "Who was contacted", "\(escalation.contacted), \(DateText.long(escalation.contactedAt)): \(escalation.why)")
                        }
                    }
                }
            }
            if !relationship.checkIns.isEmpty {
                H3("Check-ins")
                List(relationship.checkIns) { checkIn in
                    ListItem("\(DateText.day(checkIn.answeredAt)), by the \(checkIn.respondent): \(checkIn.line)")
                }
            }
        }
        if let plan = archive.safetyPlan {
            H2("Your wellness and safety plan (version \(plan.version))")
            Tag.dl {
                for section in SafetyPlanSection.allCases {
                    if let text = plan.sections[section.rawValue] { Tag.pair(section.title, text) }
                }
            }
        }
        H2("Who you share with")
        if archive.consents.isEmpty { Paragraph("Nobody beyond your peer worker.") }
        List(archive.consents) { consent in
            ListItem(consent.sentence + (consent.revokedAt.map { " Revoked on \(DateText.day($0))." } ?? ""))
        }
        if !archive.earlierProfiles.isEmpty {
            H2("How your profile read before each change")
            for earlier in archive.earlierProfiles {
                Tag.dl {
                    for field in PeerProfile.fields {
                        if let value = earlier[field.name], !value.isEmpty { Tag.pair(field.label, value) }
                    }
                }
            }
        }
        if !archive.emergencyOpenings.isEmpty {
            H2("When your record was opened in an emergency")
            List(archive.emergencyOpenings) { opening in
                ListItem(
                    "\(opening.openedBy), \(DateText.long(opening.openedAt)), because \(opening.why): \(opening.words)"
                        + (opening.review.map { " Reviewed: \($0)." } ?? ""))
            }
        }
        H2("Who has looked at your record")
        if archive.reads.isEmpty { Paragraph("Nobody else yet.") }
        List(archive.reads) { read in
            ListItem("\(read.reader) (\(read.role)) read \(read.part) on \(DateText.long(read.at))")
        }
    }
}
