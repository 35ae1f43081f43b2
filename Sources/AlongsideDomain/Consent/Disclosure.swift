/// Who sees what of a peer worker's own story: being a peer worker is a choice to use one's lived
/// experience, and how much of it is shown, and to whom, is the worker's to decide.
public enum DisclosureAudience: String, Sendable, CaseIterable, Codable {
    case peers
    case colleagues
    case clinicians

    public var plainWords: String {
        switch self {
        case .peers: "Peers I walk alongside"
        case .colleagues: "Colleagues in this service"
        case .clinicians: "Partner clinicians"
        }
    }
}

/// A worker's choices: their story in their own words, and to whom it and their peer status show.
public struct Disclosure: Sendable, Equatable {
    public var story: String
    public var storyTo: Set<DisclosureAudience>
    public var statusTo: Set<DisclosureAudience>

    public init(story: String = "", storyTo: Set<DisclosureAudience> = [], statusTo: Set<DisclosureAudience> = []) {
        self.story = story
        self.storyTo = storyTo
        self.statusTo = statusTo
    }

    /// What this audience may see: nothing unless the worker chose it. A story is shown only with
    /// the status it rests on, and only when there is one.
    public func shown(to audience: DisclosureAudience) -> (status: Bool, story: String?) {
        let status = statusTo.contains(audience)
        let story = status && storyTo.contains(audience) && !story.isEmpty ? story : nil
        return (status, story)
    }

    public static let storyLimit = 1_500

    public static func parse(story: String?, storyTo: [String], statusTo: [String]) -> Result<Disclosure, FieldErrors> {
        var errors = FieldErrors()
        let story = PlanText.clean(story)
        if let problem = PlanText.tooLong(story, limit: storyLimit) { errors.add("story", problem) }
        let storyAudiences = storyTo.compactMap(DisclosureAudience.init(rawValue:))
        let statusAudiences = statusTo.compactMap(DisclosureAudience.init(rawValue:))
        if storyAudiences.count != storyTo.count || statusAudiences.count != statusTo.count {
            errors.add("statusTo", "Choose from the listed people.")
        }
        if Set(storyAudiences).subtracting(statusAudiences).first != nil {
            errors.add(
                "storyTo", "Your story shows only to people who also see that you're a peer worker. Tick both, or neither, for each.")
        }
        guard errors.isEmpty else { return .failure(errors) }
        return .success(Disclosure(story: story, storyTo: Set(storyAudiences), statusTo: Set(statusAudiences)))
    }
}
