/// A problem found while building, with a stable code and, where it has one, a place.
public struct Diagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        case error
        case warning
    }

    public let severity: Severity
    /// A stable identifier such as `frontmatter.unknown-key`, shown in brackets.
    public let code: String
    public let message: String
    public let position: SourcePosition?
    /// The text of the offending line, quoted under the message with a caret.
    public let sourceLine: String?
    public let hint: String?

    public init(
        _ severity: Severity, code: String, message: String, position: SourcePosition? = nil,
        sourceLine: String? = nil, hint: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.position = position
        self.sourceLine = sourceLine
        self.hint = hint
    }

    public static func error(
        _ code: String, _ message: String, at position: SourcePosition? = nil, line: String? = nil,
        hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.error, code: code, message: message, position: position, sourceLine: line, hint: hint)
    }

    public static func warning(
        _ code: String, _ message: String, at position: SourcePosition? = nil, line: String? = nil,
        hint: String? = nil
    ) -> Diagnostic {
        Diagnostic(.warning, code: code, message: message, position: position, sourceLine: line, hint: hint)
    }
}
