/// The parts of a peer's record a peer can share or keep back, in the order the portal lists them.
extension InformationCategory {
    public static let shareable: [InformationCategory] = [
        .profile, .journey, .sharedNotes, .plans, .safetyPlan, .concernRecords, .mutuality, .outcomes,
    ]

    /// "your safety plan": how a sentence about sharing names the category.
    public var plainWords: String {
        switch self {
        case .profile: "your profile"
        case .journey: "where your journey is and its dates"
        case .sharedNotes: "your shared notes"
        case .plans: "your moving-towards plan"
        case .safetyPlan: "your wellness and safety plan"
        case .concernRecords: "your concern conversations"
        case .mutuality: "your check-ins"
        case .outcomes: "your outcomes and measures"
        case .accountDetails: "your account details"
        case .practiceReflection: "your worker's reflections"
        case .billingRecord: "billing records"
        }
    }

    /// The same, seen from someone else's side: "the safety plan".
    public var heading: String {
        switch self {
        case .profile: "Profile"
        case .journey: "Journey and dates"
        case .sharedNotes: "Shared notes"
        case .plans: "Moving-towards plan"
        case .safetyPlan: "Wellness and safety plan"
        case .concernRecords: "Concern conversations"
        case .mutuality: "Check-ins"
        case .outcomes: "Outcomes and measures"
        case .accountDetails: "Account details"
        case .practiceReflection: "Practice reflections"
        case .billingRecord: "Billing records"
        }
    }
}
