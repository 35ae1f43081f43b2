import Foundation

/// Gentle reminders on a caseload: not alarms, just what a peer worker might want to notice.
public enum GentleFlag: Sendable, Equatable {
    /// No conversation noted for a while in a relationship that hasn't ended.
    case quiet(days: Int)
    /// The relationship is stepping out: an ending to plan together.
    case steppingOut

    public var text: String {
        switch self {
        case .quiet(let days): "No conversation noted for \(days) days"
        case .steppingOut: "Stepping out: plan the ending together"
        }
    }

    /// How long without a noted conversation before a relationship is flagged as quiet.
    /// A per-organisation setting is planned; until then every organisation uses this.
    public static let defaultQuietDays = 21

    public static func flags(stage: Stage, lastContact: Date?, began: Date, now: Date, quietDays: Int = defaultQuietDays) -> [GentleFlag] {
        guard stage != .ended else { return [] }
        var flags: [GentleFlag] = []
        let days = Int(now.timeIntervalSince(lastContact ?? began) / 86_400)
        if days >= quietDays { flags.append(.quiet(days: days)) }
        if stage == .steppingOut { flags.append(.steppingOut) }
        return flags
    }
}
