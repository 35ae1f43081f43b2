import AlongsideDomain
import Plot
import Vapor

enum RelationshipViews {
    /// What the page shows besides the relationship itself.
    struct Context {
        let records: [TransitionRecord]
        /// When every conversation happened, newest first: the timeline draws them all.
        let conversationDates: [Date]
        /// The newest `shownConversations` of them, for the list.
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
        let conversationDates = context.conversationDates
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
        // Written as text: the busiest page a worker opens, and Plot reflects over every component.
        var html: Markup = "<h1>\(title)</h1>"
        if let notice { html += "<p class=\"notice\" role=\"status\">\(notice)</p>" }
        // What a worker came for, first: a note to write and when they meet next.
        if canWrite, current != .ended, let id = relationship.id {
            html += "<div class=\"actions top-actions\"><a href=\"\(AppURL.newConversation(id))\" class=\"button\">Write a note</a>"
            if let next = context.plans.first {
                html += "<p>Next planned: <strong>\(DateText.long(next.startsAt))</strong></p>"
            } else {
                html += "<p>Nothing planned yet. <a href=\"#plannedFor\">Plan a conversation</a></p>"
            }
            html += "</div>"
        }
        func pair(_ term: String, _ detail: String) -> Markup { "<dt>\(term)</dt><dd>\(detail)</dd>" }
        html += "<dl>"
        html += pair("Stage now", current?.displayName ?? "Not started")
        html += pair("In this stage for", DurationText.since(journey.transitions.last?.at ?? now, now: now))
        html += pair("Together since", DateText.long(relationship.startedAt))
        html += pair("Steps back", journey.stepBacks == 0 ? "None" : "\(journey.stepBacks) (stepping back is part of the journey)")
        // What the peer said about themselves is for the worker walking alongside them; a
        // coordinator sees where the relationship stands, never what was written by or about the peer.
        if showsWords {
            if !peer.howToReach.isEmpty { html += "<dt>How to reach them</dt><dd>" + PhoneLinks(text: peer.howToReach).html + "</dd>" }
            if !peer.whenToReach.isEmpty { html += pair("When to reach them", peer.whenToReach) }
            if !peer.languages.isEmpty { html += pair("Languages", peer.languages) }
            if !peer.accessNeeds.isEmpty { html += pair("Access needs", peer.accessNeeds) }
            if !peer.aboutMe.isEmpty { html += pair("What they'd like us to know", peer.aboutMe) }
        }
        html += "</dl>"
        html +=
            TimelineChart(
                timeline: JourneyTimeline(
                    journey: journey, conversations: conversationDates, now: now, width: TimelineChart.width,
                    headspaceGiven: context.headspace?.givenAt),
                summary: "Journey since \(DateText.long(relationship.startedAt)): now \(current?.displayName ?? "not started"), "
                    + "\(conversationDates.count) conversations, \(journey.stepBacks) steps back. The journey is also listed below."
            ).html
        html +=
            HeadspaceSection(
                viewer: viewer, relationship: relationship, peer: peer, record: context.headspace, form: headspaceForm, errors: errors,
                canRecord: canMove && current != .ended, showWords: canWrite
            ).html
        if let ending {
            html += "<h2>How it ended</h2><dl>"
            html += pair("Ending", ending.kind.displayName)
            html += pair("Ending conversation", ending.endingConversation ? "Yes, we had one" : "No")
            html += pair(
                "What comes next",
                ending.nextSteps.isEmpty ? "Nothing arranged" : ending.nextSteps.map(\.displayName).sorted().joined(separator: "; "))
            html += "</dl>"
        }
        html +=
            PlansSection(
                viewer: viewer, relationship: relationship, plans: context.plans, form: planForm, errors: errors,
                canPlan: canWrite && current != .ended, showsPlace: showsWords
            ).html
        if let summary = context.peerPlans {
            html +=
                PeerPlansSection(
                    relationship: relationship, peer: peer, summary: summary, forPeer: false,
                    canRecordConcern: current != .ended && viewer.may(.recordConcern, relationship.resource(.concernRecords))
                ).html
        }
        html += "<h2 id=\"conversations\">Conversations</h2>"
        if conversationDates.isEmpty {
            html += "<p>No conversations noted yet.</p>"
        } else {
            html += ConversationList(conversations: Array(conversations.prefix(context.shownConversations)), linked: canWrite).html
            if conversationDates.count > context.shownConversations, let id = relationship.id {
                let more = min(Self.conversationsAtATime, conversationDates.count - context.shownConversations)
                let address =
                    AppURL.relationship(id).path + "?shown=\(context.shownConversations + Self.conversationsAtATime)#conversations"
                html +=
                    "<p class=\"pager\">Showing the newest \(context.shownConversations) of \(conversationDates.count). "
                    + "<a href=\"\(address)\">Show \(more) older</a></p>"
            }
        }
        html += "<h2>The journey so far</h2><ul class=\"journey\">"
        for record in records.reversed() {
            html += "<li><strong>\(Stage(rawValue: record.toStage)?.displayName ?? record.toStage)</strong>"
            html += " from \(DateText.long(record.at)), \(initiatorText(record.initiatedBy))"
            if showsWords, !record.reason.isEmpty { html += "<p class=\"hint\">\(record.reason)</p>" }
            html += "</li>"
        }
        html += "</ul>"
        if !context.handovers.isEmpty {
            html += "<h2>Handovers</h2><ul>"
            for line in context.handovers {
                html += "<li>\(DateText.long(line.at)): from \(line.from) to \(line.to). "
                if showsWords { html += "<span>\(line.reason)</span>" }
                html += "</li>"
            }
            html += "</ul>"
        }
        html +=
            ErrorSummary(
                errors: errors,
                fields: [
                    ("to", "Stage"), ("initiatedBy", "Who moved it"), ("endingKind", "How it ended"), ("nextSteps", "What comes next"),
                    ("reason", "Why"),
                ]
            ).html
        if canMove, current != .ended, let relationshipID = relationship.id {
            html += moveForm(viewer, relationshipID, current: current, position: records.count, form: form, errors: errors)
        }
        if canHandOver, current != .ended, let relationshipID = relationship.id {
            html += "<p><a href=\"\(AppURL.relationshipHandover(relationshipID))\">Hand over to another peer worker</a></p>"
        }
        html +=
            OtherTimesSection(
                viewer: viewer, relationship: relationship, peer: peer, neighbours: context.neighbours, ended: current == .ended,
                workers: context.workers, form: againForm, errors: errors
            ).html
        if viewer.may(.processErasure, relationship.peerResource(.profile, peer: peer, ended: current == .ended)), let peerID = peer.id {
            html += "<p class=\"hint\"><a href=\"\(AppURL.erasure(peerID))\">Erase \(peer.preferredName)'s record, at their request</a></p>"
        }
        if canRelease, let relationshipID = relationship.id {
            html += "<h2>\(peer.preferredName)'s own login</h2>"
            html += "<p>\(peer.preferredName) has their own login: \(context.peerLogin ?? "an account").</p>"
            html +=
                "<p class=\"hint\">If it isn't theirs any more (a lost address, or it was never them), release it: the login stops opening their record and its owner is told. Their peer worker can then invite them again.</p>"
            html += Written.postForm(AppURL.peerPortalRelease(relationshipID), token: viewer.csrfToken, novalidate: false)
            html += "<button type=\"submit\" class=\"danger\">Release this login</button></form>"
        }
        if canInvite, let relationshipID = relationship.id {
            html += "<h2>Who \(peer.preferredName) shares with</h2>"
            html +=
                "<p><a href=\"\(AppURL.relationshipConsents(relationshipID))\">What \(peer.preferredName) shares, and writing down a consent they gave you</a></p>"
            html += "<h2>\(peer.preferredName)'s own login</h2>"
            if peer.accountID != nil {
                html +=
                    "<p>\(peer.preferredName) has their own login (\(context.peerLogin ?? "an account")): they can read their journey and shared notes, and reply to them.</p>"
                html +=
                    "<p class=\"hint\">If that login isn't theirs any more, a coordinator can release it; then you can invite them again.</p>"
            } else {
                html +=
                    "<p class=\"hint\">If \(peer.preferredName) would like to, they can have their own login to read their journey and shared notes, comment on them, and ask for changes. It's their choice.</p>"
                html += ErrorSummary(errors: errors, fields: [("portalEmail", "Their email")]).html
                html += Written.postForm(AppURL.peerPortalInvite(relationshipID), token: viewer.csrfToken)
                html +=
                    FormField(
                        label: "Their email address", name: "portalEmail", type: .email, value: portalForm.portalEmail ?? "",
                        error: errors["portalEmail"],
                        hint: "They sign in with this. You'll get a link to give them, and a code to read to them in person.",
                        autocomplete: "off", maxLength: Limits.emailMaxLength
                    ).html
                html += "<button type=\"submit\">Make an invite link</button></form>"
            }
        }
        let written = Written(html: html)
        return viewer.page(peer.preferredName, status: status) { written }
    }

    /// Moving the relationship on, or back: the stage, who moved it, and how it ended when it did.
    private static func moveForm(
        _ viewer: Viewer, _ relationshipID: UUID, current: Stage?, position: Int, form: RelationshipController.MoveForm,
        errors: FieldErrors
    ) -> Markup {
        var html: Markup = "<h2>Move the relationship on, or back</h2>"
        html += "<p class=\"hint\">Stepping back to an earlier stage is common and is not a failure.</p>"
        html += Written.postForm(AppURL.relationshipStage(relationshipID), token: viewer.csrfToken, class: "stage-form")
        html += "<input type=\"hidden\" name=\"position\" value=\"\(position)\"/>"
        html +=
            RadioChoices(
                legend: "Moving to", name: "to", options: Stage.allCases.filter { $0 != current }.map { ($0.rawValue, $0.displayName) },
                selected: form.to, error: errors["to"]
            ).html
        html +=
            RadioChoices(
                legend: "Who moved it?", name: "initiatedBy", options: [("peer", "The peer"), ("worker", "Me"), ("both", "Both of us")],
                selected: form.initiatedBy, error: errors["initiatedBy"]
            ).html
        html +=
            "<fieldset class=\"\(form.to == Stage.ended.rawValue ? "ending chosen" : "ending")\"><legend>How the relationship is ending</legend>"
        html +=
            RadioChoices(
                legend: "How did it end?", name: "endingKind", options: Ending.Kind.allCases.map { ($0.rawValue, $0.displayName) },
                selected: form.endingKind, error: errors["endingKind"]
            ).html
        html += "<div class=\"choice\"><input type=\"checkbox\" name=\"endingConversation\" id=\"endingConversation\""
        if form.endingConversation == "on" { html += " checked=\"checked\"" }
        html += "/><label for=\"endingConversation\">We had an ending conversation</label></div>"
        html += "<fieldset id=\"nextSteps\"><legend>What comes next</legend>"
        if let error = errors["nextSteps"] { html += "<p class=\"field-error\" id=\"nextSteps-error\">\(error)</p>" }
        let chosen = Set(form.nextSteps ?? [])
        for step in Ending.NextStep.allCases {
            html +=
                "<div class=\"choice\"><input type=\"checkbox\" name=\"nextSteps[]\" id=\"next-\(step.rawValue)\" value=\"\(step.rawValue)\""
            if chosen.contains(step.rawValue) { html += " checked=\"checked\"" }
            html += "/><label for=\"next-\(step.rawValue)\">\(step.displayName)</label></div>"
        }
        html += "</fieldset></fieldset>"
        html +=
            TextAreaField(
                label: "Why (optional)", name: "reason", value: form.reason ?? "", error: errors["reason"],
                hint: "A line in your own words about what happened.", maxLength: StageMove.reasonLimit
            ).html
        return html + "<button type=\"submit\">Save the move</button></form>"
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
