import AlongsideDomain
import Plot
import Vapor

/// The peer's own pages, written for them to read: plain words, their name for things, nothing
/// that talks about them rather than to them.
enum PortalViews {
    static func notLinked(_ viewer: Viewer) -> Response {
        viewer.page("Your record") {
            H1("Your record")
            Paragraph(
                "Your login isn't joined to a record yet. Ask your peer worker to send you an invite from your journey page, and use that link."
            )
        }
    }

    static func home(
        _ viewer: Viewer, peer: Peer, journeys: [PortalQueries.Journey], plans: [UUID: PeerPlansSection.Summary],
        disclosures: [UUID: (status: Bool, story: String?)] = [:]
    ) -> Response {
        let now = viewer.now
        let shown = RelationshipViews.shownConversations(viewer)
        return viewer.page("Your journey") {
            H1("Your journey, \(peer.preferredName)")
            Paragraph(
                "This is what's written about our time together. You can comment on any note, or ask for something to be changed. Nothing is ever deleted: if a note changes, the earlier wording is kept."
            )
            .class("hint")
            if journeys.isEmpty {
                Paragraph("There's nothing here yet.")
            }
            for journey in journeys {
                let path = Journey(journey.transitions.compactMap(\.transition))
                let stage = path.currentStage
                Element(name: "section") {
                    H2("With \(journey.workerName), since \(DateText.day(journey.relationship.startedAt))")
                    DisclosedStory(name: journey.workerName, shown: disclosures[journey.relationship.workerID])
                    Tag.dl {
                        Tag.pair("Where we are now", stage.map { "\($0.displayName): \($0.forThePeer)" } ?? "Just starting")
                        if let next = journey.planned.first { Tag.pair("Next time", next.summary) }
                        if let headspace = journey.headspace {
                            Tag.pair(
                                "When you let \(journey.workerName) in",
                                DateText.day(headspace.givenAt) + (headspace.inTheirWords.isEmpty ? "" : ": “\(headspace.inTheirWords)”"))
                        }
                        if path.stepBacks > 0 {
                            Tag.pair("Steps back", "\(path.stepBacks). Going back a step is part of the journey, not a failure.")
                        }
                    }
                    TimelineChart(
                        timeline: JourneyTimeline(
                            journey: path, conversations: journey.notes.map(\.occurredAt), now: now, width: TimelineChart.width,
                            headspaceGiven: journey.headspace?.givenAt),
                        summary: "Your journey with \(journey.workerName) since \(DateText.day(journey.relationship.startedAt)): "
                            + "now \(stage?.displayName ?? "starting"), \(journey.notes.count) conversations. The notes are listed below.")
                    for handover in journey.handovers {
                        Paragraph(
                            "On \(DateText.day(handover.at)) your peer worker changed from \(handover.from) to \(handover.to): \(handover.reason)"
                        )
                        .class("notice")
                    }
                    if let id = journey.relationship.id, let summary = plans[id] {
                        PeerPlansSection(
                            relationship: journey.relationship, peer: peer, summary: summary, forPeer: true, canRecordConcern: false,
                            headingLevel: 3)
                    }
                    H3("Our conversations").id("notes-\(journey.relationship.id?.uuidString.lowercased() ?? "")")
                    if journey.notes.isEmpty {
                        Paragraph("No notes yet.")
                    } else {
                        List(journey.notes.prefix(shown)) { note in
                            ListItem {
                                Paragraph {
                                    Tag.strong(DateText.day(note.occurredAt))
                                    Text(", \(ConversationMode(rawValue: note.mode)?.displayName.lowercased() ?? note.mode)")
                                    if !note.place.isEmpty { Text(", \(note.place)") }
                                }
                                Paragraph(note.sharedNote.isEmpty ? "(No shared note for this one.)" : note.sharedNote).class("note-text")
                                Paragraph {
                                    Link(
                                        note.responses == 0
                                            ? "Comment, or ask for a change" : "Comment, or ask for a change (\(note.responses) so far)",
                                        url: AppURL.portalNote(note.id).path)
                                    Text(" · ")
                                    Link("How was it? Check in", url: AppURL.checkIn(note.id).path)
                                }
                            }
                            .class("shared-note")
                        }
                        if journey.notes.count > shown {
                            Paragraph {
                                Text("Showing the newest \(shown) of \(journey.notes.count). ")
                                Link(
                                    "Show \(min(RelationshipViews.conversationsAtATime, journey.notes.count - shown)) older",
                                    url: AppURL.portal.path + "?shown=\(shown + RelationshipViews.conversationsAtATime)"
                                        + "#notes-\(journey.relationship.id?.uuidString.lowercased() ?? "")")
                            }
                            .class("pager")
                        }
                    }
                }
                .class("portal-journey")
            }
        }
    }

    static func note(
        _ viewer: Viewer, note: Conversation, workerName: String, responses: [NoteResponseQueries.Line],
        earlierWordings: [(at: Date, text: String)], sent: NoteResponseKind?, form: PortalController.ResponseForm, errors: FieldErrors,
        status: HTTPResponseStatus
    ) -> Response {
        let id = note.id ?? UUID()
        return viewer.page("A note from \(DateText.day(note.occurredAt))", status: status) {
            H1("Our conversation on \(DateText.day(note.occurredAt))")
            switch sent {
            case .comment?: Paragraph("Your comment is saved beside the note.").class("notice").safeAttribute("role", "status")
            case .correction?:
                Paragraph("Your request is sent to \(workerName). Their answer will appear here.").class("notice").safeAttribute(
                    "role", "status")
            case nil: EmptyComponent()
            }
            Tag.dl {
                Tag.pair("How", ConversationMode(rawValue: note.mode)?.displayName ?? note.mode)
                Tag.pair("How long", "\(note.minutes) minutes")
                if !note.place.isEmpty { Tag.pair("Where", note.place) }
                Tag.pair("Written by", workerName)
            }
            Paragraph { Link("How was this conversation for you? Check in", url: AppURL.checkIn(id).path) }
            H2("The note")
            Paragraph(note.sharedNote.isEmpty ? "(No shared note for this one.)" : note.sharedNote).class("note-text")
            if !earlierWordings.isEmpty {
                Element(name: "details") {
                    Element(name: "summary") { Text("Earlier wording (\(earlierWordings.count))") }
                    List(earlierWordings) { wording in
                        ListItem {
                            Paragraph("Until \(DateText.long(wording.at)):").class("hint")
                            Paragraph(wording.text).class("note-text")
                        }
                    }
                }
            }
            if !responses.isEmpty {
                H2("What's been said about it")
                List(responses) { line in
                    ListItem {
                        let response = line.response
                        Paragraph {
                            Tag.strong(response.responseKind == .correction ? "You asked for a change" : "You commented")
                            Text(", \(DateText.long(response.writtenAt)):")
                        }
                        Paragraph(response.body).class("note-text")
                        if let answer = response.answer, let at = response.answeredAt {
                            Paragraph {
                                Tag.strong("\(line.answeredByName ?? workerName) answered")
                                Text(", \(DateText.long(at)): \(answer)")
                            }
                        } else if response.responseKind == .correction {
                            Paragraph("Waiting for \(workerName) to answer.").class("hint")
                        }
                    }
                    .class("response")
                }
            }
            ErrorSummary(errors: errors, fields: [("comment", "Your comment"), ("correction", "What you'd like changed")])
            H2("Add a comment")
            Form(url: AppURL.portalComments(id).path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                TextAreaField(
                    label: "Your comment", name: "comment", value: form.comment ?? "", error: errors["comment"],
                    hint: "It's kept beside the note, in your words. \(workerName) will see it.", maxLength: NoteResponseText.limit)
                Button("Save my comment").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
            H2("Ask for a change")
            Form(url: AppURL.portalCorrections(id).path, method: .post) {
                CSRFField(token: viewer.csrfToken)
                TextAreaField(
                    label: "What would you like changed?", name: "correction", value: form.correction ?? "", error: errors["correction"],
                    hint: "Say what's wrong or missing. \(workerName) will answer; the note as it was is kept either way.",
                    maxLength: NoteResponseText.limit)
                Button("Send my request").safeAttribute("type", "submit")
            }
            .safeAttribute("novalidate", "novalidate")
            Paragraph { Link("Back to your journey", url: AppURL.portal.path) }
        }
    }
}
