import Foundation
import Synchronization

/// Time zones by IANA name, each read from Foundation once and kept: the first page drawn in a
/// zone pays about a millisecond, every later one nothing.
public enum ZoneCatalog {
    /// Every name Foundation lists, with the current names of places it still lists by an older
    /// one (it has Asia/Calcutta; people look for Asia/Kolkata), sorted, for choosing one.
    public static let identifiers: [String] = {
        var names = Set(TimeZone.knownTimeZoneIdentifiers)
        let renamed = [
            "Asia/Kolkata", "Asia/Kathmandu", "Asia/Yangon", "Asia/Ho_Chi_Minh", "Europe/Kyiv", "America/Nuuk", "Pacific/Kanton",
            "Atlantic/Faroe", "Pacific/Chuuk", "Pacific/Pohnpei",
        ]
        names.formUnion(renamed.filter { TimeZone(identifier: $0)?.identifier == $0 })
        names.insert("UTC")
        return names.sorted()
    }()
    private static let known = Set(identifiers)
    private static let cache = Mutex<[String: ZoneRules]>(["UTC": .utc])

    /// The rules for an IANA name, or nil when it is not one.
    public static func rules(for identifier: String) -> ZoneRules? {
        if let cached = cache.withLock({ $0[identifier] }) { return cached }
        guard known.contains(identifier), let zone = TimeZone(identifier: identifier) else { return nil }
        let rules = read(zone, as: identifier)
        cache.withLock { $0[identifier] = rules }
        return rules
    }

    /// A zone name typed or chosen in a form.
    public static func parse(_ raw: String?, field: String = "timeZone") -> Result<ZoneRules, FieldErrors> {
        let name = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { return .failure(FieldErrors(field: field, "Choose a time zone, for example Pacific/Auckland.")) }
        guard name.count <= 64, let rules = rules(for: name) else {
            return .failure(
                FieldErrors(
                    field: field, "Choose a time zone from the list: a place name such as Australia/Sydney or Europe/London."))
        }
        return .success(rules)
    }

    static let firstSecond = -2_208_988_800  // 1900-01-01
    static let lastSecond = 7_258_118_400  // 2200-01-01

    static func read(_ zone: TimeZone, as identifier: String) -> ZoneRules {
        var at = Date(timeIntervalSince1970: TimeInterval(firstSecond))
        var starts = [Int.min]
        var offsets = [zone.secondsFromGMT(for: at)]
        while let next = zone.nextDaylightSavingTimeTransition(after: at), next.timeIntervalSince1970 < TimeInterval(lastSecond) {
            at = next
            let offset = zone.secondsFromGMT(for: next)
            if offset != offsets.last {
                starts.append(Int(next.timeIntervalSince1970.rounded(.down)))
                offsets.append(offset)
            }
        }
        return ZoneRules(identifier: identifier, starts: starts, offsets: offsets)
    }
}
