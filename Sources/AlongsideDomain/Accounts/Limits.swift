/// Input limits, documented in the README. Generous for people, tight enough to refuse abuse.
public enum Limits {
    public static let emailMaxLength = 254
    public static let nameMaxLength = 100
    public static let organisationNameMaxLength = 120
    public static let passwordMinLength = 12
    /// Bcrypt reads only the first 72 bytes; a longer password would silently be truncated.
    public static let passwordMaxBytes = 72
}
