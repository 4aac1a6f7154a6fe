/// Collects the problems of a run; a stage appends, the build stops only after a whole stage.
public struct Diagnostics: Sendable {
    public private(set) var items: [Diagnostic] = []

    public init() {}

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { items.filter { $0.severity == .warning } }

    public mutating func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }
    public mutating func append(contentsOf other: [Diagnostic]) { items.append(contentsOf: other) }

    /// Makes every warning an error (`--strict`), so a run with any fails as one with errors does.
    public mutating func promoteWarnings() {
        items = items.map {
            $0.severity == .warning
                ? Diagnostic(.error, code: $0.code, message: $0.message, position: $0.position, sourceLine: $0.sourceLine, hint: $0.hint)
                : $0
        }
    }

    /// The diagnostics in a stable order: by file and position, then those without a place.
    public var sorted: [Diagnostic] {
        items.enumerated().sorted { a, b in
            switch (a.element.position, b.element.position) {
            case let (pa?, pb?): return pa == pb ? a.offset < b.offset : pa < pb
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.offset < b.offset
            }
        }.map(\.element)
    }
}
