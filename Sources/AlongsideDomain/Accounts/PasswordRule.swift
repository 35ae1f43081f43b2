/// The password rule, stated the same way on every form: at least 12 characters, not one of the
/// 10,000 most common passwords, at most 72 bytes (Bcrypt's limit).
public struct PasswordRule: Sendable {
    public static let statement =
        "Use at least \(Limits.passwordMinLength) characters. A few unrelated words work well. Very common passwords are not accepted."

    private let commonPasswords: Set<String>

    public init(commonPasswords: Set<String>) {
        self.commonPasswords = commonPasswords
    }

    /// Why the password is not acceptable, or nil when it is.
    public func problem(with password: String) -> String? {
        if password.isEmpty { return "Enter a password." }
        if password.count < Limits.passwordMinLength {
            return "Use at least \(Limits.passwordMinLength) characters (this has \(password.count))."
        }
        if password.utf8.count > Limits.passwordMaxBytes {
            return "Use at most \(Limits.passwordMaxBytes) characters (fewer if you use accented letters or emoji)."
        }
        if commonPasswords.contains(password.lowercased()) {
            return "This is one of the most common passwords, so it is easy to guess. Choose another."
        }
        return nil
    }

    /// Checks a new password and its confirmation together.
    public func check(
        password: String, confirmation: String, into errors: inout FieldErrors,
        field: String = "password", confirmationField: String = "confirmation"
    ) {
        if let problem = problem(with: password) {
            errors.add(field, problem)
        } else if password != confirmation {
            errors.add(confirmationField, "The two passwords don't match. Type the same password twice.")
        }
    }
}
