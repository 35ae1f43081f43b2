import AlongsideDomain
import Plot
import Vapor

enum RelationshipViews {
    /// What the page shows besides the relationship itself.
    struct Context {
        let records: [TransitionRecord]
        let conversations: [ConversationQueries.Listed]
        let ending: Ending?
        let handovers: [JourneyStore.HandoverLine]
        let workers: [(id: UUID, name: String)]
        let plans: [PlannedConversation]
        let neighbours: (earlier: Relationship?, later: Relationship?)
        let headspace: HeadspaceRecord?
        /// Only for the two people in the relationship.
        let peerPlans: PeerPlansSection.Summary?
        /// The address of the login that opens the peer's record, if one does: shown to the worker
        /// and coordinators, so a login that isn't the peer's is seen.
        var peerLogin: String? = nil
        /// How many conversations the list shows: the newest, then older ones 20 at a time.
        var shownConversations = RelationshipViews.conversationsAtATime
    }

    static let conversationsAtATime = 20

    /// `?shown=40` asks for forty; anything else for the first twenty.
    static func shownConversations(_ viewer: Viewer) -> Int {
        let asked = viewer.query("shown").flatMap { Int($0) } ?? conversationsAtATime
        return min(max(asked, conversationsAtATime), 100_000)
    }

    static func show(
        _ viewer: Viewer, relationship: Relationship, peer: Peer, context: Context, form: RelationshipController.MoveForm,
        portalForm: PeerInviteController.Form,
        planForm: PlanningController.Form, againForm: StartAgainController.Form,
        headspaceForm: HeadspaceController.Form, errors: FieldErrors, notice: String?,
        status: HTTPResponseStatus = .ok
    ) -> Response {
        let records = context.records
        let conversations = context.conversations
        let ending = context.ending
        let journey = Journey(records.compactMap(\.transition))
        let now = viewer.now
        let current = journey.currentStage
        let canMove =
            viewer.signedIn.map {
                AccessPolicy.decide(.signedIn($0.actor), .moveStage, relationship.resource()).isAllowed
            } ?? false
        let canHandOver =
            viewer.signedIn.map {
                AccessPolicy.decide(.signedIn($0.actor), .handOver, relationship.resource()).isAllowed
            } ?? false
        let canWrite =
            viewer.signedIn.map {
                AccessPolicy.decide(.signedIn($0.actor), .recordConversation, relationship.resource(.sharedNotes)).isAllowed
            } ?? false
        let canInvite = viewer.may(.invitePeer, relationship.peerResource(.profile, peer: peer, ended: context.ending != nil))
        // The worker in the relationship reads the words in it; anyone else (a coordinator) sees where it stands.
        let showsWords = viewer.may(.viewRelationship, relationship.resource(.profile))
        let canRelease = peer.accountID != nil && viewer.may(.releasePeerLogin, relationship.resource())
        let title = peer.preferredName + (peer.pronouns.isEmpty ? "" : " (\(peer.pronouns))")
        return viewer.page(peer.preferredName, status: status) {
            H1(title)
            if let notice { Paragraph(notice).class("notice").safeAttribute("role", "status") }
            // What a worker came for, first: a note to write and when they meet next.
            if canWrite, current != .ended, let id = relationship.id {
                Div {
                    Link("Write a note", url: AppURL.newConversation(id).path).class("button")
                    if let next = context.plans.first {
                        Paragraph {
                            Text("Next planned: ")
                            Tag.strong(DateText.long(next.startsAt))
                        }
                    } else {
                        Paragraph {
                            Text("Nothing planned yet. ")
                            Link("Plan a conversation", url: "#plannedFor")
                        }
                    }
                }
                .class("actions top-actions")
            }
            Tag.dl {
                Tag.pair("Stage now", current?.displayName ?? "Not started")
                Tag.pair("In this stage for", DurationText.since(journey.transitions.last?.at ?? now, now: now))
                Tag.pair("Together since", DateText.long(relationship.startedAt))
                Tag.pair("Steps back", journey.stepBacks == 0 ? "None" : "\(journey.stepBacks) (stepping back is part of the journey)")
                // What the peer said about themselves is for the worker walking alongside them; a
                // coordinator sees where the relationship stands, never what was written by or about the peer.
                if showsWords {
                    if !peer.howToReach.isEmpty {
                        Element(name: "dt") { Text("How to reach them") }
                        Element(name: "dd") { PhoneLinks(text: peer.howToReach) }
                    }
                    if !peer.whenToReach.isEmpty { Tag.pair("When to reach them", peer.whenToReach) }
                    if !peer.languages.isEmpty { Tag.pair("Languages", peer.languages) }
                    if !peer.accessNeeds.isEmpty { Tag.pair("Access needs", peer.accessNeeds) }
                    if !peer.aboutMe.isEmpty { Tag.pair("What they'd like us to know", peer.aboutMe) }
                }
            }
            TimelineChart(
                timeline: JourneyTimeline(
                    journey: journey, conversations: conversations.map(\.occurredAt), now: now, width: TimelineChart.width,
                    headspaceGiven: context.headspace?.givenAt),
                summary: "Journey since \(DateText.long(relationship.startedAt)): now \(current?.displayName ?? "not started"), "
                    + "\(conversations.count) conversations, \(journey.stepBacks) steps back. The journey is also listed below.")
            HeadspaceSection(
                viewer: viewer, relationship: relationship, peer: peer, record: context.headspace, form: headspaceForm, errors: errors,
                canRecord: canMove && current != .ended, showWords: canWrite)
            if let ending {
                H2("How it ended")
                Tag.dl {
                    Tag.pair("Ending", ending.kind.displayName)
                    Tag.pair("Ending conversation", ending.endingConversation ? "Yes, we had one" : "No")
                    Tag.pair(
                        "What comes next",
                        ending.nextSteps.isEmpty ? "Nothing arranged" : ending.nextSteps.map(\.displayName).sorted().joined(separator: "; ")
                    )
                }
            }
            PlansSection(
                viewer: viewer, relationship: relationship, plans: context.plans, form: planForm, errors: errors,
                canPlan: canWrite && current != .ended, showsPlace: showsWords)
            if let summary = context.peerPlans {
                PeerPlansSection(
                    relationship: relationship, peer: peer, summary: summary, forPeer: false,
                    canRecordConcern: current != .ended && viewer.may(.recordConcern, relationship.resource(.concernRecords)))
            }
            H2("Conversations").id("conversations")
            if conversations.isEmpty {
                Paragraph("No conversations noted yet.")
            } else {
                ConversationList(conversations: Array(conversations.prefix(context.shownConversations)), linked: canWrite)
                if conversations.count > context.shownConversations, let id = relationship.id {
                    Paragraph {
                        Text("Showing the newest \(context.shownConversations) of \(conversations.count). ")
                        Link(
                            "Show \(min(Self.conversationsAtATime, conversations.count - context.shownConversations)) older",
                            url: AppURL.relationship(id).path
                                + "?shown=\(context.shownConversations + Self.conversationsAtATime)#conversations")
                    }
                    .class("pager")
                }
            }
            H2("The journey so far")
            List(records.reversed()) { record in
                ListItem {
                    Tag.strong(Stage(rawValue: record.toStage)?.displayName ?? record.toStage)
                    Text(" from \(DateText.long(record.at)), \(initiatorText(record.initiatedBy))")
                    if showsWords, !record.reason.isEmpty { Paragraph(record.reason).class("hint") }
                }
            }
            .class("journey")
            if !context.handovers.isEmpty {
                H2("Handovers")
                List(context.handovers) { line in
                    ListItem {
                        Text("\(DateText.long(line.at)): from \(line.from) to \(line.to). ")
                        if showsWords { Span(line.reason) }
                    }
                }
            }
            ErrorSummary(
                errors: errors,
                fields: [
                    ("to", "Stage"), ("initiatedBy", "Who moved it"), ("endingKind", "How it ended"), ("nextSteps", "What comes next"),
                    ("reason", "Why"),
                ])
            if canMove, current != .ended, let relationshipID = relationship.id {
                H2("Move the relationship on, or back")
                Paragraph("Stepping back to an earlier stage is common and is not a failure.").class("hint")
                Form(url: AppURL.relationshipStage(relationshipID).path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    Input(type: .hidden, name: "position").safeAttribute("value", String(records.count))
                    RadioChoices(
                        legend: "Moving to", name: "to",
                        options: Stage.allCases.filter { $0 != current }.map { ($0.rawValue, $0.displayName) },
                        selected: form.to, error: errors["to"])
                    RadioChoices(
                        legend: "Who moved it?", name: "initiatedBy",
                        options: [("peer", "The peer"), ("worker", "Me"), ("both", "Both of us")], selected: form.initiatedBy,
                        error: errors["initiatedBy"])
                    FieldSet {
                        Tag.legend("How the relationship is ending")
                        RadioChoices(
                            legend: "How did it end?", name: "endingKind",
                            options: Ending.Kind.allCases.map { ($0.rawValue, $0.displayName) },
                            selected: form.endingKind, error: errors["endingKind"])
                        Div {
                            Input(type: .checkbox, name: "endingConversation").id("endingConversation")
                                .safeAttribute("checked", form.endingConversation == "on" ? "checked" : nil)
                            Label("We had an ending conversation") {}.safeAttribute("for", "endingConversation")
                        }
                        .class("choice")
                        FieldSet {
                            Tag.legend("What comes next")
                            if let error = errors["nextSteps"] { Paragraph(error).class("field-error").id("nextSteps-error") }
                            for step in Ending.NextStep.allCases {
                                Div {
                                    Input(type: .checkbox, name: "nextSteps[]").id("next-\(step.rawValue)").safeAttribute(
                                        "value", step.rawValue
                                    )
                                    .safeAttribute("checked", (form.nextSteps ?? []).contains(step.rawValue) ? "checked" : nil)
                                    Label(step.displayName) {}.safeAttribute("for", "next-\(step.rawValue)")
                                }
                                .class("choice")
                            }
                        }
                        .id("nextSteps")
                    }
                    .class(form.to == Stage.ended.rawValue ? "ending chosen" : "ending")
                    TextAreaField(
                        label: "Why (optional)", name: "reason", value: form.reason ?? "", error: errors["reason"],
                        hint: "A line in your own words about what happened.", maxLength: StageMove.reasonLimit)
                    Button("Save the move").safeAttribute("type", "submit")
                }
                .class("stage-form")
                .safeAttribute("novalidate", "novalidate")
            }
            if canHandOver, current != .ended, let relationshipID = relationship.id {
                Paragraph { Link("Hand over to another peer worker", url: AppURL.relationshipHandover(relationshipID).path) }
            }
            OtherTimesSection(
                viewer: viewer, relationship: relationship, peer: peer, neighbours: context.neighbours, ended: current == .ended,
                workers: context.workers, form: againForm, errors: errors)
            if viewer.may(.processErasure, relationship.peerResource(.profile, peer: peer, ended: current == .ended)), let peerID = peer.id
            {
                Paragraph { Link("Erase \(peer.preferredName)'s record, at their request", url: AppURL.erasure(peerID).path) }
                    .class("hint")
            }
            if canRelease, let relationshipID = relationship.id {
                H2("\(peer.preferredName)'s own login")
                Paragraph("\(peer.preferredName) has their own login: \(context.peerLogin ?? "an account").")
                Paragraph(
                    "If it isn't theirs any more (a lost address, or it was never them), release it: the login stops opening their record and its owner is told. Their peer worker can then invite them again."
                )
                .class("hint")
                Form(url: AppURL.peerPortalRelease(relationshipID).path, method: .post) {
                    CSRFField(token: viewer.csrfToken)
                    Button("Release this login").safeAttribute("type", "submit").class("danger")
                }
            }
            if canInvite, let relationshipID = relationship.id {
                H2("Who \(peer.preferredName) shares with")
                Paragraph {
                    Link(
                        "What \(peer.preferredName) shares, and writing down a consent they gave you",
                        url: AppURL.relationshipConsents(relationshipID).path)
                }
                H2("\(peer.preferredName)'s own login")
                if peer.accountID != nil {
                    Paragraph(
                        "\(peer.preferredName) has their own login (\(context.peerLogin ?? "an account")): they can read their journey and shared notes, and reply to them."
                    )
                    Paragraph("If that login isn't theirs any more, a coordinator can release it; then you can invite them again.")
                        .class("hint")
                } else {
                    Paragraph(
                        "If \(peer.preferredName) would like to, they can have their own login to read their journey and shared notes, comment on them, and ask for changes. It's their choice."
                    )
                    .class("hint")
                    ErrorSummary(errors: errors, fields: [("portalEmail", "Their email")])
                    Form(url: AppURL.peerPortalInvite(relationshipID).path, method: .post) {
                        CSRFField(token: viewer.csrfToken)
                        FormField(
                            label: "Their email address", name: "portalEmail", type: .email, value: portalForm.portalEmail ?? "",
                            error: errors["portalEmail"],
                            hint: "They sign in with this. You'll get a link to give them, and a code to read to them in person.",
                            autocomplete: "off", maxLength: Limits.emailMaxLength)
                        Button("Make an invite link").safeAttribute("type", "submit")
                    }
                    .safeAttribute("novalidate", "novalidate")
                }
            }
        }
    }

    static func initiatorText(_ raw: String) -> String {
        switch Initiator(rawValue: raw) {
        case .peer: "moved by the peer"
        case .worker: "moved by the peer worker"
        case .both: "moved together"
        case nil: "moved"
        }
    }
}

/// Spans of time in words people use: "3 days", "2 weeks", "5 months".
