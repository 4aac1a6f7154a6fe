/// Templates compiled against typed page models: every tag is bound, when the template is
/// loaded, to a field of the model it renders, so a page renders by calling closures, with no
/// lookup by name and no dynamic cast per tag. A name no model in scope has is an error at its
/// template's line and column, with the nearest names.
///
/// A model lists what a template may read in its `TemplateSchema`: fields by name, each a text,
/// a flag, a list of another model or an optional model. Mustache's context stack is resolved
/// at compile time: inside `{{#people}}` the context is a `Scope` of the person in the page, and a name is looked
/// for in the person's fields first, then the page's, as Mustache would look it up at render
/// time. The semantics are the interpreter's (`MustacheInterpreter`), which the spec's tests run.
public protocol TemplateModel: Sendable {
    static var schema: TemplateSchema<Self> { get }
}

/// A renderer of a template (or part of one) for a context of type `C`.
public typealias TemplateRenderer<C> = @Sendable (C, inout String) -> Void

/// A value a template can read from a context of type `C`.
public enum TemplateField<C>: Sendable {
    /// `{{name}}` escapes it, `{{{name}}}` inserts it as it is; a section over it shows when it
    /// is not empty, with the text as `{{.}}`.
    case text(@Sendable (C) -> String)
    /// A section shows when it is true, an inverted one when it is false.
    case flag(@Sendable (C) -> Bool)
    /// A list or an optional model: a section shows once per item, the item's fields first.
    case nested(any NestedField<C>)
}

/// The fields of a model type, by name. The values reference for template authors is made
/// from these (`TemplateReference`).
public struct TemplateSchema<C>: Sendable {
    public let name: String
    let fields: [String: TemplateField<C>]
    /// Each field as the reference describes it, in the order given.
    let values: [ValueDescription]

    /// A name given twice is the first entry's (a page's `title` is its layout's).
    public init(_ name: String, _ entries: [Entry]) {
        self.name = name
        var seen: Set<String> = []
        let entries = entries.filter { seen.insert($0.name).inserted }
        self.fields = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.field) })
        self.values = entries.map(\.description)
    }

    private init(name: String, fields: [String: TemplateField<C>], values: [ValueDescription]) {
        self.name = name
        self.fields = fields
        self.values = values
    }

    /// One field of a schema: its name, how it is read, and how the reference describes it.
    public struct Entry: Sendable {
        let name: String
        let field: TemplateField<C>
        let description: ValueDescription

        init(name: String, field: TemplateField<C>, kind: String, item: (@Sendable () -> ModelDescription)? = nil) {
            self.name = name
            self.field = field
            self.description = ValueDescription(name: name, kind: kind, item: item)
        }

        public static func text(_ name: String, _ get: @escaping @Sendable (C) -> String) -> Entry {
            Entry(name: name, field: .text(get), kind: "text")
        }

        /// Text inserted as it is, never escaped: rendered Markdown, JSON-LD, a cached fragment.
        public static func html(_ name: String, _ get: @escaping @Sendable (C) -> String) -> Entry {
            Entry(name: name, field: .text(get), kind: "HTML")
        }

        /// A whole number, written in decimal.
        public static func number(_ name: String, _ get: @escaping @Sendable (C) -> Int) -> Entry {
            Entry(name: name, field: .text { String(get($0)) }, kind: "number")
        }

        public static func flag(_ name: String, _ get: @escaping @Sendable (C) -> Bool) -> Entry {
            Entry(name: name, field: .flag(get), kind: "flag")
        }

        public static func list<E: TemplateModel>(_ name: String, _ get: @escaping @Sendable (C) -> [E]) -> Entry {
            Entry(
                name: name, field: .nested(ListField<C, E>(get: get)), kind: "list of \(E.schema.name)",
                item: { E.schema.description })
        }

        public static func optional<E: TemplateModel>(_ name: String, _ get: @escaping @Sendable (C) -> E?) -> Entry {
            Entry(
                name: name, field: .nested(ListField<C, E>(get: { get($0).map { [$0] } ?? [] }, isOptional: true)),
                kind: "\(E.schema.name), or nothing", item: { E.schema.description })
        }
    }

    /// The schema as the values reference describes it.
    var description: ModelDescription { ModelDescription(name: name, values: values) }

    /// This schema seen from a context `Outer` that holds a `C` (`part` reads it).
    func lifted<Outer>(_ part: @escaping @Sendable (Outer) -> C) -> TemplateSchema<Outer> {
        var lifted: [String: TemplateField<Outer>] = [:]
        for (key, field) in fields {
            switch field {
            case .text(let get): lifted[key] = .text { get(part($0)) }
            case .flag(let get): lifted[key] = .flag { get(part($0)) }
            case .nested(let nested): lifted[key] = .nested(nested.lifted(part))
            }
        }
        return TemplateSchema<Outer>(name: name, fields: lifted, values: values)
    }

    /// This schema with `entry` in place of a field of the same name: listed first in the
    /// values reference, or, with `listed: false`, read by templates but left out of it.
    func with(_ entry: Entry, listed: Bool = true) -> TemplateSchema<C> {
        TemplateSchema(
            name: name, fields: fields.merging([entry.name: entry.field]) { _, new in new },
            values: listed ? [entry.description] + values.filter { $0.name != entry.name } : values)
    }

    /// `inner`'s fields first, then this schema's: a section's scope.
    func under<Inner>(_ inner: TemplateSchema<Inner>) -> TemplateSchema<Scope<Inner, C>> {
        let outer = lifted { (scope: Scope<Inner, C>) in scope.outer }
        let first = inner.lifted { (scope: Scope<Inner, C>) in scope.item }
        var fields = outer.fields.merging(first.fields) { _, innerField in innerField }
        // `{{.}}` is the item itself, never an outer one: nothing for an item that is a model.
        if first.fields["."] == nil { fields["."] = .text { _ in "" } }
        return TemplateSchema<Scope<Inner, C>>(
            name: inner.name, fields: fields,
            values: inner.values + values)
    }
}

/// A value of a model as the values reference describes it: its name, its kind ("text",
/// "flag", "list of brief card"…) and, for a list or an optional model, its item's model.
public struct ValueDescription: Sendable {
    public let name: String
    public let kind: String
    let item: (@Sendable () -> ModelDescription)?
}

/// A model as the values reference describes it.
public struct ModelDescription: Sendable {
    public let name: String
    public let values: [ValueDescription]
}

/// A section's context: its item, and the context around the section, where names the item
/// does not have are looked up. (A class: reading a field of a generic tuple or struct asks the
/// runtime for the type's layout every time; an object carries it.)
final class Scope<Item, Outer>: @unchecked Sendable {
    let item: Item
    let outer: Outer
    init(item: Item, outer: Outer) {
        self.item = item
        self.outer = outer
    }
}

/// A list field, with the type of its items kept for compiling the sections over it.
public protocol NestedField<Context>: Sendable {
    associatedtype Context
    associatedtype Element: TemplateModel
    var get: @Sendable (Context) -> [Element] { get }
    var isOptional: Bool { get }
    func lifted<Outer>(_ part: @escaping @Sendable (Outer) -> Context) -> any NestedField<Outer>
}

struct ListField<C, E: TemplateModel>: NestedField {
    let get: @Sendable (C) -> [E]
    /// An optional model (at most one item) rather than a list.
    var isOptional = false
    func lifted<Outer>(_ part: @escaping @Sendable (Outer) -> C) -> any NestedField<Outer> {
        let get = self.get
        return ListField<Outer, E>(get: { get(part($0)) }, isOptional: isOptional)
    }
}

/// A tag bound to nothing, or a template that cannot be compiled: at its file, line and column.
public struct TemplateProblem: Error, Sendable, Equatable {
    public let path: String
    public let line: Int
    public let column: Int
    public let message: String
    public let hint: String?
}

/// Compiles parsed templates against schemas. Holds the templates by name (partials and
/// parents are compiled where they are used, against the context there), and the file each
/// came from, for problems.
public struct TemplateCompiler {
    /// Templates by name: their nodes and file.
    let templates: [String: (nodes: [MustacheNode], path: String)]
    /// Partials rendered before the page (cached partials): including one inserts the field of
    /// the same name of the item in scope, its HTML, which only the item that partial renders
    /// has. So a cached partial included over other items is an error where it is included.
    let standIns: Set<String>

    public init(templates: [String: (nodes: [MustacheNode], path: String)], standIns: Set<String> = []) {
        self.templates = templates
        self.standIns = standIns
    }

    /// The template `name` compiled for models of type `M`.
    public func compile<M: TemplateModel>(_ name: String, for model: M.Type) throws(TemplateProblem) -> TemplateRenderer<M> {
        guard let template = templates[name] else {
            throw TemplateProblem(path: name, line: 1, column: 1, message: "template '\(name)' is missing", hint: nil)
        }
        var state = State(path: template.path, blocks: [:], partialDepth: 0)
        return try compile(template.nodes, M.schema, &state)
    }

    /// Where compiling is: the file the nodes are from, the blocks a parent was given (each
    /// with its file), and how deep in partials (a partial that includes itself is an error).
    struct State {
        var path: String
        var blocks: [String: (nodes: [MustacheNode], path: String)]
        var partialDepth: Int
        var indentation = ""
    }

    func compile<C>(_ nodes: [MustacheNode], _ schema: TemplateSchema<C>, _ state: inout State) throws(TemplateProblem) -> TemplateRenderer<C> {
        var parts: [TemplateRenderer<C>] = []
        var literal = ""
        for node in nodes {
            if case .text(let text) = node, state.indentation.isEmpty {
                literal += text
                continue
            }
            if !literal.isEmpty {
                let text = literal
                parts.append { _, out in out += text }
                literal = ""
            }
            parts.append(try compile(node, schema, &state))
        }
        if !literal.isEmpty {
            let text = literal
            parts.append { _, out in out += text }
        }
        if !state.indentation.isEmpty {
            // Each part that starts a new line of this template's output is indented.
            let indentation = state.indentation
            let all = parts
            return { context, out in
                var local = ""
                for part in all {
                    var piece = ""
                    part(context, &piece)
                    if !piece.isEmpty, local.last == "\n" { local += indentation }
                    local += piece
                }
                out += local
            }
        }
        switch parts.count {
        case 0: return { _, _ in }
        case 1: return parts[0]
        default:
            let all = parts
            return { context, out in for part in all { part(context, &out) } }
        }
    }

    private func problem(_ state: State, _ name: MustacheName, _ message: String, hint: String? = nil) -> TemplateProblem {
        TemplateProblem(path: state.path, line: name.position.line, column: name.position.column, message: message, hint: hint)
    }

    /// The field `name` names: its first part looked up in the scope, the rest inside it.
    private func resolve<C>(_ name: MustacheName, _ schema: TemplateSchema<C>, _ state: State) throws(TemplateProblem) -> TemplateField<C> {
        guard let field = schema.fields[name.parts[0]] else {
            let nearest = Self.nearest(name.parts[0], among: schema.fields.keys)
            throw problem(
                state, name, "'\(name.text)' is not a value this template can read here (\(schema.name))",
                hint: nearest.isEmpty ? nil : "did you mean " + nearest.map { "'\($0)'" }.joined(separator: " or ") + "?")
        }
        guard name.parts.count > 1 else { return field }
        guard case .nested(let nested) = field else {
            throw problem(state, name, "'\(name.parts[0])' is \(schema.values.first { $0.name == name.parts[0] }?.kind ?? "a value") and has no '\(name.parts[1])'")
        }
        guard nested.isOptional else {
            throw problem(
                state, name, "'\(name.parts[0])' is a list: '\(name.text)' would read only its first item",
                hint: "read its items' values inside {{#\(name.parts[0])}}…{{/\(name.parts[0])}}")
        }
        return try dotted(nested, Array(name.parts.dropFirst()), name, state)
    }

    /// `a.b.c` inside the first item of `a` (an optional model), strictly: not on the stack.
    private func dotted<C, N: NestedField<C>>(_ nested: N, _ rest: [String], _ name: MustacheName, _ state: State) throws(TemplateProblem) -> TemplateField<C> {
        let inner = MustacheName(parts: rest, position: name.position)
        let field: TemplateField<N.Element>
        do {
            field = try resolve(inner, N.Element.schema, state)
        } catch {
            throw problem(state, name, "'\(name.text)': \(N.Element.schema.name) has no '\(rest[0])'", hint: error.hint)
        }
        let get = nested.get
        switch field {
        case .text(let read): return .text { get($0).first.map(read) ?? "" }
        case .flag(let read): return .flag { get($0).first.map(read) ?? false }
        case .nested(let deeper): return .nested(deeper.lifted { (c: C) -> N.Element in get(c)[0] }.guarded(get))
        }
    }

    private func compile<C>(_ node: MustacheNode, _ schema: TemplateSchema<C>, _ state: inout State) throws(TemplateProblem) -> TemplateRenderer<C> {
        switch node {
        case .text(let text):
            return { _, out in out += text }
        case .variable(let name, let escaped):
            let field = try resolve(name, schema, state)
            switch field {
            case .text(let get):
                if escaped { return { context, out in out += HTMLEscaping.escape(get(context)) } }
                return { context, out in out += get(context) }
            case .flag(let get):
                return { context, out in out += get(context) ? "true" : "false" }
            case .nested:
                throw problem(state, name, "'\(name.text)' is a list or a model: show it with a section, {{#\(name.text)}}…{{/\(name.text)}}")
            }
        case .section(let name, let inverted, let children):
            let field = try resolve(name, schema, state)
            switch field {
            case .flag(let get):
                let body = try compile(children, schema, &state)
                if inverted { return { context, out in if !get(context) { body(context, &out) } } }
                return { context, out in if get(context) { body(context, &out) } }
            case .text(let get):
                if inverted {
                    let body = try compile(children, schema, &state)
                    return { context, out in if get(context).isEmpty { body(context, &out) } }
                }
                let body = try compile(children, schema.under(String.schema), &state)
                return { context, out in
                    let text = get(context)
                    if !text.isEmpty { body(Scope(item: text, outer: context), &out) }
                }
            case .nested(let nested):
                if inverted {
                    let body = try compile(children, schema, &state)
                    let isEmpty = Self.isEmpty(nested)
                    return { context, out in if isEmpty(context) { body(context, &out) } }
                }
                return try section(nested, children, schema, &state)
            }
        case .partial(let name, let indentation, let at) where standIns.contains(name):
            guard case .text(let html) = schema.fields[name] else {
                throw TemplateProblem(
                    path: state.path, line: at.line, column: at.column,
                    message: "'\(name)' renders one item of its own, and the item here is \(Self.article(schema.name))",
                    hint: "include it inside the section over its items, as the shipped templates do")
            }
            let indent = state.indentation + indentation
            guard !indent.isEmpty else { return { context, out in out += html(context) } }
            // Each line of the rendered item after its first is indented, as the partial's own
            // lines would be (its first line follows the indentation written before the tag).
            return { context, out in
                for (number, line) in html(context).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if number > 0 {
                        out += "\n"
                        if !line.isEmpty { out += indent }
                    }
                    out += line
                }
            }
        case .partial(let name, let indentation, let at):
            guard let partial = templates[name] else {
                throw TemplateProblem(
                    path: state.path, line: at.line, column: at.column, message: "the partial '\(name)' does not exist", hint: nil)
            }
            guard state.partialDepth < 32 else {
                throw TemplateProblem(
                    path: state.path, line: at.line, column: at.column,
                    message: "partials include each other more than 32 deep (a partial that includes itself?)", hint: nil)
            }
            var inner = State(
                path: partial.path, blocks: state.blocks, partialDepth: state.partialDepth + 1,
                indentation: state.indentation + indentation)
            return try compile(partial.nodes, schema, &inner)
        case .parent(let name, let indentation, let given, let at):
            guard let parent = templates[name] else {
                throw TemplateProblem(
                    path: state.path, line: at.line, column: at.column, message: "the parent template '\(name)' does not exist", hint: nil)
            }
            guard state.partialDepth < 32 else {
                throw TemplateProblem(
                    path: state.path, line: at.line, column: at.column, message: "parents include each other more than 32 deep", hint: nil)
            }
            // The outermost override of a block wins.
            var blocks = state.blocks
            for (block, nodes) in given where blocks[block] == nil { blocks[block] = (nodes, state.path) }
            var inner = State(
                path: parent.path, blocks: blocks, partialDepth: state.partialDepth + 1,
                indentation: state.indentation + indentation)
            return try compile(parent.nodes, schema, &inner)
        case .block(let name, let indentation, let children):
            var inner = state
            inner.indentation = state.indentation + indentation
            if let override = state.blocks[name] {
                inner.path = override.path
                return try compile(override.nodes, schema, &inner)
            }
            return try compile(children, schema, &inner)
        }
    }

    private static func isEmpty<C, N: NestedField<C>>(_ nested: N) -> @Sendable (C) -> Bool {
        let get = nested.get
        return { get($0).isEmpty }
    }

    /// A section over a list: its children compiled for `(Element, C)`, shown once per item.
    private func section<C, N: NestedField<C>>(
        _ nested: N, _ children: [MustacheNode], _ schema: TemplateSchema<C>, _ state: inout State
    ) throws(TemplateProblem) -> TemplateRenderer<C> {
        let body = try compile(children, schema.under(N.Element.schema), &state)
        let get = nested.get
        return { context, out in
            for item in get(context) { body(Scope(item: item, outer: context), &out) }
        }
    }

    /// "a person card", "an event row".
    static func article(_ name: String) -> String {
        (name.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + name
    }

    /// Up to three names of `candidates` closest to `name` (edit distance at most a third of
    /// its length, and 1 at least).
    static func nearest(_ name: String, among candidates: some Collection<String>) -> [String] {
        let limit = max(1, name.count / 3)
        return candidates.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= limit }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
    }

    /// Edits from `a` to `b`: insertions, deletions, substitutions and swaps of two neighbours
    /// (`titel` is one edit from `title`).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}

extension NestedField {
    /// This list read only when `present` has an item (a dotted name into an optional model).
    func guarded<Outer, P>(_ present: @escaping @Sendable (Outer) -> [P]) -> any NestedField<Outer> where Context == Outer {
        let get = self.get
        return ListField<Outer, Element>(get: { present($0).isEmpty ? [] : get($0) }, isOptional: isOptional)
    }
}

/// Text as an item of a list of strings, read as `{{.}}`.
extension String: TemplateModel {
    public static var schema: TemplateSchema<String> { TemplateSchema("text", [.text(".") { $0 }]) }
}

extension TemplateSchema {
    /// The value `context` gives each field, as the interpreter's data: what the tests compare
    /// the compiled renderer with.
    func value(of context: C) -> MustacheValue {
        var object: [String: MustacheValue] = [:]
        for (key, field) in fields where key != "." {
            switch field {
            case .text(let get): object[key] = .string(get(context))
            case .flag(let get): object[key] = .bool(get(context))
            case .nested(let nested): object[key] = Self.value(nested, context)
            }
        }
        return .object(object)
    }

    private static func value<N: NestedField<C>>(_ nested: N, _ context: C) -> MustacheValue {
        let items = nested.get(context).map { item -> MustacheValue in
            if let text = item as? String { return .string(text) }
            return N.Element.schema.value(of: item)
        }
        if nested.isOptional { return items.first ?? .null }
        return .list(items)
    }
}
