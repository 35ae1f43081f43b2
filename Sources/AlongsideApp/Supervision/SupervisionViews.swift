import AlongsideDomain
import Plot
import Vapor

enum SupervisionViews {
    static func overview(
        _ viewer: Viewer, supervisees: [SupervisionController.Supervisee], mutuality: MutualitySummary?, signedOff: Bool = false,
        quietDays: Int, disclosures: [UUID: (status: Bool, story: String?)] = [:]
    ) -> Response {
        let now = viewer.now
        return viewer.page("Supervision") {
            H1("Supervision")
            if signedOff { Paragraph("The billing record is signed off.").class("notice").safeAttribute("role", "status") }
            if viewer.query("done") == "sentBack" {
                Paragraph("The billing record is sent back, with what needs changing. It comes back to you once it is signed again.")
                    .class("notice").safeAttribute("role", "status")
            }
            Paragraph(
                "Where your supervisees' relationships stand, and the reflections they have chosen to bring to supervision. Peers appear as initials; their shared notes stay between them and their worker."
            )
            .class("hint")
            if supervisees.isEmpty {
                Paragraph("Nobody is linked to you for supervision yet. A coordinator arranges who supervises whom.")
            }
            let concerns = supervisees.flatMap(\.openConcerns)
            Element(name: "section") {
                H2("Open concerns")
                if concerns.isEmpty {
                    Paragraph("No open concern conversations.").class("hint")
                } else {
                    List(concerns) { concern in
                        let worker = supervisees.first { $0.id == concern.workerID }?.name ?? "A peer worker"
                        return ListItem {
                            Link(
                                "\(worker) with \(concern.peerInitials), \(DateText.day(concern.openedAt))",
                                url: AppURL.concern(concern.id).path)
                            if let escalated = concern.escalatedAt {
                                Tag.strong(" · escalated \(DateText.long(escalated))")
                                if !concern.followedUp, let due = concern.followUpDue {
                                    Text(" · follow-up due by \(DateText.long(due))")
                                }
                            }
                            Text(" · talking again \(DateText.calendarDay(concern.talkAgainOn))")
                        }
                    }
                    .class("open-concerns")
                }
            }
            .class("supervision-concerns")
            Element(name: "section") {
                H2("How conversations feel")
                if let mutuality {
                    if let peers = mutuality.peers {
                        Paragraph(
                            "Across \(peers.relationships) relationships, peers' check-ins average \(MutualityChart.format(peers.mean)) of 5."
                        )
                    }
                    if let workers = mutuality.workers {
                        Paragraph(
                            "Across \(workers.relationships) relationships, workers' check-ins average \(MutualityChart.format(workers.mean)) of 5."
                        )
                    }
                    if mutuality.peers == nil || mutuality.workers == nil {
                        Paragraph(
                            "The other side's average is shown once at least \(MutualitySummary.minimumRelationships) relationships have its check-ins."
                        )
                        .class("hint")
                    }
                } else {
                    Paragraph(
                        "Shown once at least \(MutualitySummary.minimumRelationships) of your supervisees' relationships have check-ins, so that no one peer's answers can be picked out."
                    )
                    .class("hint")
                }
            }
            for supervisee in supervisees {
                Element(name: "section") {
                    H2(supervisee.name)
                    DisclosedStory(name: supervisee.name, shown: disclosures[supervisee.id])
                    if supervisee.caseload.isEmpty {
                        Paragraph("No relationships right now.")
                    } else {
                        CaseloadTable(
                            rows: supervisee.caseload, now: now, peer: .initials, showWorker: false,
                            caption: "\(supervisee.name)'s relationships", quietDays: quietDays)
                    }
                    if !supervisee.awaitingSignOff.isEmpty {
                        H3("Billing records to sign off")
                        List(supervisee.awaitingSignOff) { item in
                            ListItem {
                                Link(
                                    "Conversation on \(DateText.long(item.occurredAt))",
                                    url: AppURL.billingSignOff(item.conversationID).path)
                            }
                        }
                    }
                    H3("Brought to supervision")
                    if supervisee.brought.isEmpty {
                        Paragraph("Nothing brought yet.")
                    } else {
                        List(supervisee.brought) { item in
                            ListItem {
                                Link(
                                    "Conversation with \(item.peerInitials), \(DateText.long(item.occurredAt))",
                                    url: AppURL.supervisionReflection(item.conversationID).path)
                            }
                        }
                    }
                }
                .class("supervisee")
            }
        }
    }

    static func reflection(_ viewer: Viewer, note: Conversation, workerName: String, peerInitials: String) -> Response {
        let guide = viewer.languageGuide
        return viewer.page("Brought to supervision") {
            H1("\(workerName)'s reflection")
            Tag.dl {
                Tag.pair("Conversation with", peerInitials)
                Tag.pair("When", DateText.long(note.occurredAt))
                Tag.pair("How", ConversationMode(rawValue: note.mode)?.displayName ?? note.mode)
                Tag.pair("How long", "\(note.minutes) minutes")
            }
            ConversationViews.section("Their reflection", note.privateReflection, guide: guide)
            ConversationViews.section("What they shared from their own lived experience", note.livedExperience, guide: guide)
            for task in IPSTask.allCases where !note.reflection(task).isEmpty {
                ConversationViews.section(task.displayName, note.reflection(task), guide: guide)
            }
            Paragraph { Link("Back to supervision", url: AppURL.supervision.path) }
        }
    }
}
