import AlongsideDomain
import Fluent
import Foundation

/// Everything Alongside holds about one peer, as they would read it: their profile, each
/// relationship with its stages, shared notes and what they said about them, plans, concern
/// conversations and check-ins, their safety plan, their consents, and who read their record.
/// A worker's private reflections are the worker's own and are not part of it.
struct PeerArchive: Codable, Sendable {
    struct Profile: Codable, Sendable {
        var preferredName, pronouns, howToReach, whenToReach, languages, accessNeeds, aboutMe: String
    }
    struct Stage: Codable, Sendable {
        var stage: String
        var at: Date
        var reason: String
    }
    struct Response: Codable, Sendable {
        var kind: String
        var text: String
        var writtenAt: Date
        var answer: String?
    }
    struct Note: Codable, Sendable {
        var id: UUID
        var occurredAt: Date
        var minutes: Int
        var mode: String
        var place: String
        var sharedNote: String
        var responses: [Response]
        /// How the shared note read before each change, newest first.
        var earlierWordings: [Wording] = []
    }
    struct Wording: Codable, Sendable {
        var until: Date
        var text: String
    }
    struct Escalation: Codable, Sendable {
        var contacted: String
        var contactedAt: Date
        var why: String
        var followUpNote: String?
    }
    struct Step: Codable, Sendable {
        var text, takenBy, someone, state: String
    }
    struct TowardsPlan: Codable, Sendable {
        var vision: String
        var steps: [Step]
        var learnings: [String]
        var reviews: [String]
    }
    struct Concern: Codable, Sendable {
        var openedAt: Date
        var noticed, peerWants, peerWillDo, workerWillDo: String
        var closedAt: Date?
        var closingNote: String?
        var escalation: Escalation?
    }
    struct EmergencyOpening: Codable, Sendable {
        var openedBy: String
        var openedAt: Date
        var why: String
        var words: String
        var review: String?
    }
    struct CheckIn: Codable, Sendable {
        var answeredAt: Date
        var respondent: String
        var scores: String
        var line: String
    }
    struct Planned: Codable, Sendable {
        var startsAt: Date
        var minutes: Int
        var mode: String
        var place: String
        var cancelled: Bool
    }
    struct Relationship: Codable, Sendable {
        var id: UUID
        var worker: String
        var startedAt: Date
        var stages: [Stage]
        var conversations: [Note]
        var planned: [Planned]
        var towardsPlan: TowardsPlan?
        var concerns: [Concern]
        var checkIns: [CheckIn]
    }
    struct SafetyPlan: Codable, Sendable {
        var sections: [String: String]
        var version: Int
        var agreedAt: Date?
    }
    struct Consent: Codable, Sendable {
        var sentence: String
        var decision, audience: String
        var categories: [String]
        var purpose: String
        var start: Date
        var end: Date?
        var method: String
        var recordedAt: Date
        var revokedAt: Date?
    }
    struct Read: Codable, Sendable {
        var reader, role, part, grounds: String
        var at: Date
    }

    var format = "alongside-peer-record/1"
    var exportedAt: Date
    var service: String
    var profile: Profile
    var relationships: [Relationship]
    var safetyPlan: SafetyPlan?
    var consents: [Consent]
    var reads: [Read]
    /// How their profile read before each correction, newest first.
    var earlierProfiles: [[String: String]] = []
    var emergencyOpenings: [EmergencyOpening] = []
}

extension PeerArchive {
    static func gather(_ peer: Peer, service: String, now: Date, on db: any Database) async throws -> PeerArchive {
        let peerID = try peer.requireID()
        let organisationID = peer.organisationID
        let relationships = try await AlongsideApp.Relationship.query(on: db).filter(\.$peerID == peerID)
            .filter(\.$organisationID == organisationID).sort(\.$startedAt).all()
        let consents = try await ConsentQueries.records(of: peer, on: db)
        let reads = try await RecordRead.query(on: db).filter(\.$peerID == peerID).filter(\.$organisationID == organisationID)
            .sort(\.$readAt, .descending).all()
        let names = try await AccountQueries.names(
            of: relationships.map(\.workerID) + consents.compactMap(\.granteeID) + reads.map(\.readerID), in: organisationID, on: db)

        var archived: [Relationship] = []
        for relationship in relationships {
            let id = try relationship.requireID()
            let stages = try await TransitionRecord.query(on: db).filter(\.$relationshipID == id).sort(\.$position).all()
            let notes = try await Conversation.query(on: db).filter(\.$relationshipID == id).filter(\.$organisationID == organisationID)
                .sort(\.$occurredAt).all()
            let responses = try await NoteResponse.query(on: db).filter(\.$organisationID == organisationID)
                .filter(\.$conversationID ~~ notes.compactMap(\.id)).sort(\.$writtenAt).all()
            let towards = try await TowardsPlanStore.contents(of: relationship, on: db)
            let concerns = try await ConcernRecord.query(on: db).filter(\.$relationshipID == id).sort(\.$openedAt).all()
            let escalations = try await EscalationRecord.query(on: db).filter(\.$organisationID == organisationID)
                .filter(\.$concernID ~~ concerns.compactMap(\.id)).all()
            var wordings: [UUID: [Wording]] = [:]
            for note in notes {
                if let noteID = note.id {
                    wordings[noteID] = try await PortalQueries.earlierWordings(of: note, on: db).map {
                        Wording(until: $0.at, text: $0.text)
                    }
                }
            }
            let checkIns = try await CheckInRecord.query(on: db).filter(\.$relationshipID == id).sort(\.$answeredAt).all()
            let planned = try await PlannedConversation.query(on: db).filter(\.$relationshipID == id).sort(\.$startsAt).all()
            archived.append(
                Relationship(
                    id: id, worker: names[relationship.workerID] ?? "a peer worker", startedAt: relationship.startedAt,
                    stages: stages.map {
                        Stage(stage: AlongsideDomain.Stage(rawValue: $0.toStage)?.displayName ?? $0.toStage, at: $0.at, reason: $0.reason)
                    },
                    conversations: notes.compactMap { note in
                        note.id.map { noteID in
                            Note(
                                id: noteID, occurredAt: note.occurredAt, minutes: note.minutes, mode: note.mode, place: note.place,
                                sharedNote: note.sharedNote,
                                responses: responses.filter { $0.conversationID == noteID }.map {
                                    Response(kind: $0.kind, text: $0.body, writtenAt: $0.writtenAt, answer: $0.answer)
                                }, earlierWordings: wordings[noteID] ?? [])
                        }
                    },
                    planned: planned.map {
                        Planned(
                            startsAt: $0.startsAt, minutes: $0.minutes, mode: $0.mode, place: $0.place, cancelled: $0.cancelledAt != nil)
                    },
                    towardsPlan: towards.plan.map { plan in
                        TowardsPlan(
                            vision: plan.vision,
                            steps: towards.steps.map { Step(text: $0.text, takenBy: $0.taker, someone: $0.someone, state: $0.state) },
                            learnings: towards.learnings.map(\.text), reviews: towards.reviews.map(\.text))
                    },
                    concerns: concerns.map { concern in
                        Concern(
                            openedAt: concern.openedAt, noticed: concern.noticed, peerWants: concern.peerWants,
                            peerWillDo: concern.peerWillDo, workerWillDo: concern.workerWillDo, closedAt: concern.closedAt,
                            closingNote: concern.closingNote,
                            escalation: escalations.first { $0.concernID == concern.id }.map {
                                Escalation(contacted: $0.contacted, contactedAt: $0.contactedAt, why: $0.why, followUpNote: $0.followUpNote)
                            })
                    },
                    checkIns: checkIns.map {
                        CheckIn(answeredAt: $0.answeredAt, respondent: $0.respondent, scores: $0.scores, line: $0.line)
                    }))
        }
        let plan = try await SafetyPlanStore.plan(for: peer, on: db)
        let profiles = try await ProfileVersion.query(on: db).filter(\.$peerID == peerID).filter(\.$organisationID == organisationID)
            .sort(\.$changedAt, .descending).all()
        let openings = try await BreakGlassRecord.query(on: db).filter(\.$peerID == peerID).filter(\.$organisationID == organisationID)
            .sort(\.$openedAt, .descending).all()
        let openers = try await AccountQueries.names(of: openings.map(\.openedBy), in: organisationID, on: db)
        return PeerArchive(
            exportedAt: now, service: service,
            profile: Profile(
                preferredName: peer.preferredName, pronouns: peer.pronouns, howToReach: peer.howToReach, whenToReach: peer.whenToReach,
                languages: peer.languages, accessNeeds: peer.accessNeeds, aboutMe: peer.aboutMe),
            relationships: archived,
            safetyPlan: plan.map { SafetyPlan(sections: $0.sections.sections, version: $0.version, agreedAt: $0.agreedAt) },
            consents: consents.map { record in
                let provision = record.provision
                return Consent(
                    sentence: ConsentWords.sentence(provision, audienceName: SharingViews.audienceName(provision, names: names)),
                    decision: record.decision, audience: record.audience, categories: provision.categories.map(\.rawValue).sorted(),
                    purpose: record.purpose, start: record.startsAt, end: record.endsAt, method: record.method,
                    recordedAt: record.recordedAt,
                    revokedAt: record.revokedAt)
            },
            reads: reads.map {
                Read(
                    reader: names[$0.readerID] ?? "someone who has left", role: $0.readerRole, part: $0.category, grounds: $0.basis,
                    at: $0.readAt)
            },
            earlierProfiles: profiles.map(\.fields),
            emergencyOpenings: openings.map { opening in
                EmergencyOpening(
                    openedBy: openers[opening.openedBy] ?? "someone who has left", openedAt: opening.openedAt, why: opening.reasonWords,
                    words: opening.reason,
                    review: opening.reviewOutcome.map { outcome in outcome + (opening.reviewNote.map { ": " + $0 } ?? "") })
            })
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }
}
