/// A value as the Mustache spec's tests give data: JSON. Pages never render through this; it is
/// what the spec's tests run the parser and the semantics on (`TemplateCompiler` binds the same
/// tree to typed models instead).
public indirect enum MustacheValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([MustacheValue])
    case object([String: MustacheValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? container.decode(Int.self) {
            self = .int(i)
        } else if let d = try? container.decode(Double.self) {
            self = .double(d)
        } else if let s = try? container.decode(String.self) {
            self = .string(s)
        } else if let l = try? container.decode([MustacheValue].self) {
            self = .list(l)
        } else {
            self = .object(try container.decode([String: MustacheValue].self))
        }
    }

    /// Whether a section shows: not false, null, an empty list or an empty string.
    var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .list(let l): !l.isEmpty
        case .string(let s): !s.isEmpty
        default: true
        }
    }

    var text: String {
        switch self {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case .string(let s): s
        case .list, .object: ""
        }
    }

    func child(_ name: String) -> MustacheValue? {
        if case .object(let fields) = self { return fields[name] }
        return nil
    }
}

/// Renders parsed templates over `MustacheValue`s with Mustache's dynamic lookup (the context
/// stack searched from the top at each tag): the reference semantics the spec's tests check.
public struct MustacheInterpreter {
    /// Templates and partials by name, parsed.
    let templates: [String: [MustacheNode]]

    public init(partials: [String: String]) throws(MustacheSyntaxError) {
        var parsed: [String: [MustacheNode]] = [:]
        for (name, text) in partials { parsed[name] = try MustacheParser.parse(text) }
        templates = parsed
    }

    public func render(_ template: String, _ data: MustacheValue) throws(MustacheSyntaxError) -> String {
        var out = ""
        try render(MustacheParser.parse(template), stack: [data], indentation: "", blocks: [:], into: &out)
        return out
    }

    private func lookup(_ name: MustacheName, in stack: [MustacheValue]) -> MustacheValue? {
        if name.parts == ["."] { return stack.last }
        guard var value = stack.reversed().lazy.compactMap({ $0.child(name.parts[0]) }).first else { return nil }
        for part in name.parts.dropFirst() {
            guard let next = value.child(part) else { return nil }
            value = next
        }
        return value
    }

    /// Renders `nodes` as one template: with an indentation (a standalone partial's, a block's),
    /// each node that starts a new line of this template's output gets it first.
    private func render(
        _ nodes: [MustacheNode], stack: [MustacheValue], indentation: String, blocks: [String: [MustacheNode]],
        into out: inout String
    ) throws(MustacheSyntaxError) {
        guard !indentation.isEmpty else {
            for node in nodes { try render(node, stack: stack, indentation: indentation, blocks: blocks, into: &out) }
            return
        }
        var local = ""
        for node in nodes {
            var piece = ""
            try render(node, stack: stack, indentation: indentation, blocks: blocks, into: &piece)
            if !piece.isEmpty, local.last == "\n" { local += indentation }
            local += piece
        }
        out += local
    }

    private func render(
        _ node: MustacheNode, stack: [MustacheValue], indentation: String, blocks: [String: [MustacheNode]],
        into out: inout String
    ) throws(MustacheSyntaxError) {
        switch node {
        case .text(let text): out += text
        case .variable(let name, let escaped):
            let text = lookup(name, in: stack)?.text ?? ""
            out += escaped ? HTMLEscaping.escape(text) : text
        case .section(let name, let inverted, let children):
            let value = lookup(name, in: stack) ?? .null
            if inverted {
                if !value.isTruthy { try render(children, stack: stack, indentation: indentation, blocks: blocks, into: &out) }
            } else if value.isTruthy {
                if case .list(let items) = value {
                    for item in items {
                        try render(children, stack: stack + [item], indentation: indentation, blocks: blocks, into: &out)
                    }
                } else if case .bool = value {
                    try render(children, stack: stack, indentation: indentation, blocks: blocks, into: &out)
                } else {
                    try render(children, stack: stack + [value], indentation: indentation, blocks: blocks, into: &out)
                }
            }
        case .partial(let name, let more, _):
            if let nodes = templates[name] {
                try render(nodes, stack: stack, indentation: indentation + more, blocks: blocks, into: &out)
            }
        case .parent(let name, let more, let given, _):
            // The outermost override of a block wins: what is already given stays.
            let merged = blocks.merging(given) { outer, _ in outer }
            if let nodes = templates[name] {
                try render(nodes, stack: stack, indentation: indentation + more, blocks: merged, into: &out)
            }
        case .block(let name, let more, let children):
            try render(blocks[name] ?? children, stack: stack, indentation: indentation + more, blocks: blocks, into: &out)
        }
    }
}
