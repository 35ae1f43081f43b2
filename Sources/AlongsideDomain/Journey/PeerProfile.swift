/// What a peer chooses to share about themselves, in their own words. Kept small on purpose:
/// only what the service needs to support them.
public struct PeerProfile: Sendable, Equatable {
    public var preferredName: String
    public var pronouns: String
    public var howToReach: String
    public var whenToReach: String
    public var languages: String
    public var accessNeeds: String
    public var aboutMe: String

    public init(
        preferredName: String, pronouns: String = "", howToReach: String = "", whenToReach: String = "",
        languages: String = "", accessNeeds: String = "", aboutMe: String = ""
    ) {
        self.preferredName = preferredName
        self.pronouns = pronouns
        self.howToReach = howToReach
        self.whenToReach = whenToReach
        self.languages = languages
        self.accessNeeds = accessNeeds
        self.aboutMe = aboutMe
    }

    /// Field names, labels and length limits, in the order the form shows them.
    public static let fields: [(name: String, label: String, limit: Int)] = [
        ("preferredName", "Name they'd like to be called", 100),
        ("pronouns", "Pronouns", 40),
        ("howToReach", "How to reach them", 200),
        ("whenToReach", "When is good to reach them", 200),
        ("languages", "Languages", 200),
        ("accessNeeds", "Access needs", 1000),
        ("aboutMe", "What they'd like us to know about them", 2000),
    ]

    public var trimmed: PeerProfile {
        PeerProfile(
            preferredName: preferredName.trimmingWhitespace(), pronouns: pronouns.trimmingWhitespace(),
            howToReach: howToReach.trimmingWhitespace(), whenToReach: whenToReach.trimmingWhitespace(),
            languages: languages.trimmingWhitespace(), accessNeeds: accessNeeds.trimmingWhitespace(),
            aboutMe: aboutMe.trimmingWhitespace())
    }

    public func problems() -> FieldErrors {
        var errors = FieldErrors()
        errors.check("preferredName", NameRule.problem(with: preferredName, label: "the name they'd like to be called", maxLength: 100))
        let values: [String: String] = [
            "pronouns": pronouns, "howToReach": howToReach, "whenToReach": whenToReach, "languages": languages,
            "accessNeeds": accessNeeds, "aboutMe": aboutMe,
        ]
        for field in Self.fields.dropFirst() {
            let count = values[field.name, default: ""].trimmingWhitespace().count
            if count > field.limit {
                errors.add(field.name, "Keep this to \(field.limit) characters or fewer (it has \(count)).")
            }
        }
        return errors
    }
}
