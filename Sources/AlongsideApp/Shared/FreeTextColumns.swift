/// Every column that holds words someone wrote about a peer or their support, in one place: each
/// is sealed at rest (`FieldCipher`, `@Sealed`), erased with its peer, and re-sealed by a key
/// rotation. A test keeps the list true to the schema. Structured values (modes, stages, ids,
/// dates) are not here.
enum FreeTextColumns {
    static let all: [String: [String]] = [
        "peers": ["preferred_name", "pronouns", "how_to_reach", "when_to_reach", "languages", "access_needs", "about_me"],
        "conversations": [
            "place", "shared_note", "private_reflection", "connection", "worldview", "mutuality", "moving_towards", "lived_experience",
        ],
        "conversation_versions": [
            "place", "shared_note", "private_reflection", "connection", "worldview", "mutuality", "moving_towards", "lived_experience",
        ],
        "note_responses": ["body", "answer"],
        "stage_transitions": ["reason"],
        "relationship_endings": ["next_steps"],
        "handovers": ["reason"],
        "headspace_permissions": ["in_their_words"],
        "planned_conversations": ["place"],
        "billing_records": ["entries", "return_reason"],
        "towards_plans": ["vision"],
        "towards_steps": ["text", "someone"],
        "towards_learnings": ["text"],
        "towards_reviews": ["text"],
        "plan_changes": ["summary", "before", "after"],
        "safety_plans": ["content"],
        "safety_plan_versions": ["content"],
        "check_ins": ["line"],
        "concerns": ["noticed", "peer_wants", "peer_will_do", "worker_will_do", "closing_note"],
        "escalations": ["contacted", "why", "follow_up_note"],
        "notifications": ["message"],
        "held_forms": ["body"],
        "accounts": ["story"],
        "profile_versions": ["content"],
        "consents": ["purpose"],
        "break_glass": ["reason", "review_note"],
        "referrals": ["person_name", "how_to_reach", "reason", "decline_reason"],
    ]
}
