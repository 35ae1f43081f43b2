/// Where a sign-in comes from, for throttling: the connection's address, or behind a proxy the
/// service trusts, the address that proxy saw. An IPv6 address counts by its /64, the block one
/// household or machine is usually given, so rotating through it doesn't buy more guesses.
public enum ClientAddress {
    /// - Parameters:
    ///   - peer: the address the connection came from
    ///   - forwardedFor: the `X-Forwarded-For` header, if any
    ///   - trustedProxies: addresses of the service's own proxies; only they are believed
    public static func resolve(peer: String?, forwardedFor: String?, trustedProxies: Set<String>) -> String {
        guard let peer else { return "unknown" }
        guard trustedProxies.contains(peer), let forwardedFor else { return throttlingKey(peer) }
        // Each proxy appends the address it saw: read from the right, past our own proxies.
        let hops = forwardedFor.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        for hop in hops.reversed() where !trustedProxies.contains(hop) {
            return isPlausibleAddress(hop) ? throttlingKey(hop) : throttlingKey(peer)
        }
        return throttlingKey(peer)
    }

    /// IPv4 as it is; IPv6 as its first four groups (its /64), written out in full.
    public static func throttlingKey(_ address: String) -> String {
        guard address.contains(":") else { return address }
        let halves = address.split(separator: "::", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let head = halves[0].isEmpty ? [] : halves[0].split(separator: ":").map(String.init)
        let tail = halves.count > 1 && !halves[1].isEmpty ? halves[1].split(separator: ":").map(String.init) : []
        let missing = max(0, 8 - head.count - tail.count)
        let groups = head + Array(repeating: "0", count: halves.count > 1 ? missing : 0) + tail
        guard groups.count >= 4 else { return address }
        return groups.prefix(4).map { String(Int($0, radix: 16) ?? 0, radix: 16) }.joined(separator: ":") + "::/64"
    }

    static func isPlausibleAddress(_ text: String) -> Bool {
        text.count <= 45 && !text.isEmpty
            && text.unicodeScalars.allSatisfy { scalar in
                ("0"..."9").contains(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar) || scalar == "."
                    || scalar == ":"
            }
    }
}
