/// Many diagnostics told briefly: the first `limit` in full (errors before warnings, each in
/// file order), and for the rest how many each kind and each file has. A schema change on a
/// large archive gives 100,000 errors: the terminal and the preview's overlay show the first
/// ones whole and the shape of the rest, not 20 MB of text. `--error-limit 0` shows them all.
public struct DiagnosticDigest: Sendable, Equatable {
    /// The diagnostics shown in full, in file order.
    public let shown: [Diagnostic]
    /// The ones left out: how many errors and warnings.
    public let moreErrors: Int
    public let moreWarnings: Int
    /// Of those left out, how many each kind (code) and each file has, most first.
    public let byKind: [Count]
    public let byFile: [Count]

    public struct Count: Sendable, Equatable {
        public let name: String
        public let count: Int
    }

    /// How many diagnostics are shown in full unless said otherwise.
    public static let defaultLimit = 50

    /// `diagnostics` in file order (`Diagnostics.sorted`); a limit of 0 shows every one.
    public init(_ diagnostics: [Diagnostic], limit: Int = defaultLimit) {
        guard limit > 0, diagnostics.count > limit else {
            (shown, moreErrors, moreWarnings, byKind, byFile) = (diagnostics, 0, 0, [], [])
            return
        }
        let errors = diagnostics.indices.filter { diagnostics[$0].severity == .error }
        let warnings = diagnostics.indices.filter { diagnostics[$0].severity != .error }
        let kept = Set((errors + warnings).prefix(limit))
        shown = diagnostics.indices.filter { kept.contains($0) }.map { diagnostics[$0] }
        var kinds: [String: Int] = [:]
        var files: [String: Int] = [:]
        var (moreErrors, moreWarnings) = (0, 0)
        for i in diagnostics.indices where !kept.contains(i) {
            let diagnostic = diagnostics[i]
            if diagnostic.severity == .error { moreErrors += 1 } else { moreWarnings += 1 }
            kinds[diagnostic.code, default: 0] += 1
            files[diagnostic.position?.path ?? "(no file)", default: 0] += 1
        }
        func ranked(_ counts: [String: Int]) -> [Count] {
            counts.map { Count(name: $0.key, count: $0.value) }.sorted { ($1.count, $0.name) < ($0.count, $1.name) }
        }
        self.moreErrors = moreErrors
        self.moreWarnings = moreWarnings
        byKind = ranked(kinds)
        byFile = ranked(files)
    }

    public var isComplete: Bool { moreErrors + moreWarnings == 0 }

    /// "49,950 more errors and 2 more warnings"
    public var moreSummary: String {
        var parts: [String] = []
        if moreErrors > 0 { parts.append("\(Self.number(moreErrors)) more error\(moreErrors == 1 ? "" : "s")") }
        if moreWarnings > 0 { parts.append("\(Self.number(moreWarnings)) more warning\(moreWarnings == 1 ? "" : "s")") }
        return parts.joined(separator: " and ")
    }

    /// Files listed by name in the summary of the rest; the others are counted.
    public static let filesListed = 20

    /// The terminal's text: the diagnostics shown, then the rest counted by kind and by file.
    public var text: String {
        var out = DiagnosticFormatter.format(shown)
        guard !isComplete else { return out }
        out += "… \(moreSummary) not shown (--error-limit 0 shows every one):\n"
        out += "  by kind: " + byKind.map { "\($0.name) \(Self.number($0.count))" }.joined(separator: ", ") + "\n"
        let listed = byFile.prefix(Self.filesListed)
        out += "  by file: " + listed.map { "\(DiagnosticFormatter.visible($0.name)) \(Self.number($0.count))" }.joined(separator: ", ")
        if byFile.count > listed.count {
            let rest = byFile.dropFirst(listed.count)
            out += ", and \(Self.number(rest.count)) more files with \(Self.number(rest.reduce(0) { $0 + $1.count }))"
        }
        return out + "\n"
    }

    /// 12345 → "12,345".
    public static func number(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return out
    }
}
