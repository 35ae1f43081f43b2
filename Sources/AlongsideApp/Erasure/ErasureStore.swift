import AlongsideDomain
import Fluent
import SQLKit
import Vapor

/// Erases or anonymises everything held about one peer, in one transaction. Every table that
/// holds a peer's record is named here with the way from it to the peer; a test checks that each
/// free-text column of `FreeTextColumns` is covered, so a new table can't be forgotten.
enum ErasureStore {
    /// How each table's rows lead back to a peer, as a condition on the peer's id, children first.
    static func owned(by peerID: UUID) -> [(table: String, condition: SQLQueryString)] {
        let relationships: SQLQueryString = "SELECT id FROM relationships WHERE peer_id = \(bind: peerID)"
        let conversations: SQLQueryString = "SELECT id FROM conversations WHERE relationship_id IN (\(relationships))"
        let towards: SQLQueryString = "SELECT id FROM towards_plans WHERE relationship_id IN (\(relationships))"
        let safety: SQLQueryString = "SELECT id FROM safety_plans WHERE peer_id = \(bind: peerID)"
        let concerns: SQLQueryString = "SELECT id FROM concerns WHERE relationship_id IN (\(relationships))"
        return [
            ("check_ins", "relationship_id IN (\(relationships))"),
            ("note_responses", "conversation_id IN (\(conversations))"),
            ("conversation_versions", "conversation_id IN (\(conversations))"),
            ("billing_records", "conversation_id IN (\(conversations))"),
            ("towards_reviews", "plan_id IN (\(towards))"),
            ("towards_learnings", "plan_id IN (\(towards))"),
            ("towards_steps", "plan_id IN (\(towards))"),
            ("plan_changes", "plan_id IN (\(towards)) OR plan_id IN (\(safety))"),
            ("plan_views", "plan_id IN (\(towards)) OR plan_id IN (\(safety))"),
            ("towards_plans", "relationship_id IN (\(relationships))"),
            ("safety_plan_versions", "plan_id IN (\(safety))"),
            ("safety_plans", "peer_id = \(bind: peerID)"),
            ("escalations", "concern_id IN (\(concerns))"),
            ("concerns", "relationship_id IN (\(relationships))"),
            ("planned_conversations", "relationship_id IN (\(relationships))"),
            ("headspace_permissions", "relationship_id IN (\(relationships))"),
            ("handovers", "relationship_id IN (\(relationships))"),
            ("relationship_endings", "relationship_id IN (\(relationships))"),
            ("stage_transitions", "relationship_id IN (\(relationships))"),
            ("conversations", "relationship_id IN (\(relationships))"),
            ("consents", "peer_id = \(bind: peerID)"),
            ("profile_versions", "peer_id = \(bind: peerID)"),
            ("record_reads", "peer_id = \(bind: peerID)"),
            ("break_glass", "peer_id = \(bind: peerID)"),
        ]
    }

    /// Free-text columns that hold JSON, replaced by an empty object rather than words.
    static let jsonColumns: Set<String> = ["safety_plans.content", "safety_plan_versions.content", "billing_records.entries"]

    /// Tables whose free text isn't the peer's record, or is handled on its own here.
    static let notAPeersRecord: Set<String> = ["held_forms", "notifications", "accounts", "referrals", "peers"]

    static func run(_ outcome: ErasureRules.Outcome, peer: Peer, now: Date, on db: any Database) async throws -> Int {
        let sql = db as! any SQLDatabase
        let peerID = try peer.requireID()
        var touched = 0
        // Notifications that point into the record say something about it: theirs go too.
        let relationshipIDs = try await AlongsideApp.Relationship.query(on: db).filter(\.$peerID == peerID).all().compactMap(\.id)
        let conversationIDs = try await Conversation.query(on: db).filter(\.$relationshipID ~~ relationshipIDs).all().compactMap(\.id)
        let concernIDs = try await ConcernRecord.query(on: db).filter(\.$relationshipID ~~ relationshipIDs).all().compactMap(\.id)
        for id in [peerID] + relationshipIDs + conversationIDs + concernIDs {
            let pattern = "%" + id.uuidString.lowercased() + "%"
            if outcome == .erase {
                try await sql.raw("DELETE FROM notifications WHERE link LIKE \(bind: pattern)").run()
            } else {
                try await sql.raw(
                    "UPDATE notifications SET message = \(SQLBind.sealed(ErasureRules.replacement)) WHERE link LIKE \(bind: pattern)"
                )
                .run()
            }
        }
        let login = peer.accountID
        let reference = "Erased peer " + peerID.uuidString.prefix(4)
        // A referral that became this record named the person and why: its words go either way.
        try await sql.raw(
            """
            UPDATE referrals SET person_name = \(SQLBind.sealed(String(reference))), how_to_reach = \(SQLBind.sealed(ErasureRules.replacement)),
                reason = \(SQLBind.sealed(ErasureRules.replacement)), decline_reason = NULL
            WHERE relationship_id IN (SELECT id FROM relationships WHERE peer_id = \(bind: peerID))
            """
        ).run()
        // Invites to their own login held their name and address; email waiting for them goes.
        try await sql.raw(
            """
            UPDATE invites SET display_name = \(bind: String(reference)), email = \(bind: "erased-\(peerID.uuidString.lowercased())@invalid")
            WHERE peer_id = \(bind: peerID)
            """
        ).run()
        if let login {
            try await sql.raw(
                "DELETE FROM outbox WHERE account_id = \(bind: login) OR to_address = (SELECT email FROM accounts WHERE id = \(bind: login))"
            ).run()
            // Their login named and reached them: it stops working, and keeps neither name nor address.
            try await sql.raw("DELETE FROM sessions WHERE account_id = \(bind: login)").run()
            try await sql.raw(
                """
                UPDATE accounts SET display_name = \(bind: String(reference)), email = \(bind: "erased-\(login.uuidString.lowercased())@invalid"),
                    deactivated_at = COALESCE(deactivated_at, \(bind: now))
                WHERE id = \(bind: login)
                """
            ).run()
        }
        switch outcome {
        case .erase:
            try await sql.raw(
                "UPDATE referrals SET relationship_id = NULL WHERE relationship_id IN (SELECT id FROM relationships WHERE peer_id = \(bind: peerID))"
            ).run()
            try await sql.raw("UPDATE invites SET peer_id = NULL WHERE peer_id = \(bind: peerID)").run()
            for (table, condition) in owned(by: peerID) {
                let rows = try await sql.raw("DELETE FROM \(ident: table) WHERE \(condition) RETURNING id").all()
                touched += rows.count
            }
            // Later relationships point to earlier ones: clear those links before deleting them all.
            try await sql.raw("UPDATE relationships SET earlier_relationship_id = NULL WHERE peer_id = \(bind: peerID)").run()
            touched += try await sql.raw("DELETE FROM relationships WHERE peer_id = \(bind: peerID) RETURNING id").all().count
            touched += try await sql.raw("DELETE FROM peers WHERE id = \(bind: peerID) RETURNING id").all().count
        case .anonymise:
            for (table, condition) in owned(by: peerID) {
                guard let columns = FreeTextColumns.all[table], !columns.isEmpty else { continue }
                var assignments: [SQLQueryString] = []
                for column in columns {
                    let value = jsonColumns.contains("\(table).\(column)") ? "{}" : ErasureRules.replacement
                    assignments.append("\(ident: column) = \(SQLBind.sealed(value))")
                }
                let set = assignments.joined(separator: ", ")
                touched += try await sql.raw("UPDATE \(ident: table) SET \(set) WHERE \(condition) RETURNING id").all().count
            }
            peer.profile = PeerProfile(preferredName: String(reference))
            peer.readAlerts = ""
            peer.accountID = nil
            try await peer.save(on: db)
            touched += 1
        }
        return touched
    }
}
