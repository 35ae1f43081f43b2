import AlongsideDomain
import Fluent
import Foundation

/// A person receiving peer support. Their profile is in their own words; free text lives here.
final class Peer: Model, @unchecked Sendable {
    static let schema = "peers"

    @ID(key: .id) var id: UUID?
    @Field(key: "organisation_id") var organisationID: UUID
    @Sealed(key: "preferred_name") var preferredName: String {
        didSet { searchKey = SearchIndex.column(forName: preferredName) }
    }
    /// The name's blind index for search (`SearchIndex`): set with the name, never on its own.
    @Field(key: "search_key") var searchKey: String
    @Sealed(key: "pronouns") var pronouns: String
    @Sealed(key: "how_to_reach") var howToReach: String
    @Sealed(key: "when_to_reach") var whenToReach: String
    @Sealed(key: "languages") var languages: String
    @Sealed(key: "access_needs") var accessNeeds: String
    @Sealed(key: "about_me") var aboutMe: String
    @OptionalField(key: "account_id") var accountID: UUID?
    /// The parts of their record the peer wants to hear about, each time someone else reads them.
    @Field(key: "read_alerts") var readAlerts: String
    @Field(key: "created_by") var createdBy: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(organisationID: UUID, profile: PeerProfile, createdBy: UUID, createdAt: Date) {
        self.organisationID = organisationID
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.profile = profile
        readAlerts = ""
    }

    var readAlertCategories: Set<InformationCategory> {
        get { Set(readAlerts.split(separator: ",").compactMap { InformationCategory(rawValue: String($0)) }) }
        set { readAlerts = InformationCategory.shareable.filter(newValue.contains).map(\.rawValue).joined(separator: ",") }
    }

    var profile: PeerProfile {
        get {
            PeerProfile(
                preferredName: preferredName, pronouns: pronouns, howToReach: howToReach, whenToReach: whenToReach,
                languages: languages, accessNeeds: accessNeeds, aboutMe: aboutMe)
        }
        set {
            preferredName = newValue.preferredName
            pronouns = newValue.pronouns
            howToReach = newValue.howToReach
            whenToReach = newValue.whenToReach
            languages = newValue.languages
            accessNeeds = newValue.accessNeeds
            aboutMe = newValue.aboutMe
        }
    }
}
