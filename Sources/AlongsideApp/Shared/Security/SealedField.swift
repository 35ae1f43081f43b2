import Fluent

extension Fields {
    /// A free-text field, sealed by `FieldCipher` on its way to the database and opened on its way
    /// back: the model (and everything that uses it) sees plain text, the database never does.
    typealias Sealed = SealedFieldProperty<Self, String>
    typealias OptionalSealed = SealedFieldProperty<Self, String?>
}

/// Plain text, or its absence, that can be sealed for storage.
protocol SealableText: Codable, Sendable {
    var sealed: Self { get }
    var opened: Self { get throws }
    /// What an optional field reads before anything is set: nil, as `@OptionalField` does.
    static var unset: Self? { get }
}

extension String: SealableText {
    var sealed: String { FieldCipher.shared.seal(self) }
    var opened: String { get throws { try FieldCipher.shared.open(self) } }
    static var unset: String? { nil }
}

extension Optional: SealableText where Wrapped == String {
    var sealed: String? { map { FieldCipher.shared.seal($0) } }
    var opened: String? { get throws { try map { try FieldCipher.shared.open($0) } } }
    static var unset: String?? { .some(nil) }
}

@propertyWrapper
final class SealedFieldProperty<Model: Fields, Value: SealableText>: @unchecked Sendable {
    let key: FieldKey
    private var plain: Value? {
        didSet { sealedForm = nil }
    }
    private var changed = false
    /// What `input` sealed `plain` as, until `plain` changes. Fluent asks for a model's input twice
    /// in one save (to see what changed, then to write it; or to insert, then to read it back), and
    /// each seal has a fresh nonce: without this every save sealed twice, and the cipher kept both.
    /// Only ever what this property sealed under the current key, never a value read back, which
    /// may be under a key since retired.
    private var sealedForm: Value?

    var projectedValue: SealedFieldProperty<Model, Value> { self }

    var wrappedValue: Value {
        get {
            guard let plain = plain ?? Value.unset else { fatalError("Cannot access field before it is initialized or fetched: \(key)") }
            return plain
        }
        set {
            plain = newValue
            changed = true
        }
    }

    init(key: FieldKey) { self.key = key }
}

extension SealedFieldProperty: AnyProperty {}

extension SealedFieldProperty: Property {
    var value: Value? {
        get { plain }
        set {
            plain = newValue
            changed = newValue != nil
        }
    }
}

extension SealedFieldProperty: AnyDatabaseProperty {
    var keys: [FieldKey] { [key] }

    func input(to input: any DatabaseInput) {
        if input.wantsUnmodifiedKeys {
            input.set(sealed().map { .bind($0) } ?? .default, at: key)
        } else if changed, let sealed = sealed() {
            input.set(.bind(sealed), at: key)
        }
    }

    private func sealed() -> Value? {
        guard let plain else { return nil }
        if let sealedForm { return sealedForm }
        let sealed = plain.sealed
        sealedForm = sealed
        return sealed
    }

    func output(from output: any DatabaseOutput) throws {
        guard output.contains(key) else { return }
        do {
            plain = try output.decode(key, as: Value.self).opened
            changed = false
        } catch {
            throw FluentError.invalidField(name: key.description, valueType: Value.self, error: error)
        }
    }
}

extension SealedFieldProperty: AnyCodableProperty {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }

    func decode(from decoder: any Decoder) throws {
        wrappedValue = try decoder.singleValueContainer().decode(Value.self)
    }
}

/// Any sealed field, whatever its model: lets a tool (the raw-database test) reach every one of
/// a model's sealed fields without naming them.
protocol AnySealedField: AnyObject {
    var fieldKey: FieldKey { get }
    func replace(with plain: String)
}

extension SealedFieldProperty: AnySealedField {
    var fieldKey: FieldKey { key }

    func replace(with plain: String) {
        if let value = plain as? Value { wrappedValue = value }
    }
}
