import Foundation

/// `sitegen new KIND SLUG`: a content file with every key its schema requires, placeholders that
/// pass `sitegen check` as they are, and the optional keys as comments.
public enum NewContent {
    /// What went wrong, as the command line prints it.
    public struct Problem: Error, CustomStringConvertible {
        public let message: String
        public let hint: String?
        public var description: String { message + (hint.map { "\n  hint: \($0)" } ?? "") }
    }

    /// The kinds `new` accepts: each content kind by its singular name or its folder.
    public static func kind(named name: String) -> ContentKind? {
        let lower = name.lowercased()
        return ContentKind.documentKinds.first { $0.rawValue == lower || $0.folder == lower }
    }

    public static var kindNames: [String] { ContentKind.documentKinds.map(\.rawValue) }

    /// Writes the new file and returns its path. `today` is the date a brief gets, unless the
    /// site's `as-of` is earlier (a brief cannot be newer than what the site is current to).
    public static func create(
        kind: ContentKind, slug: String, title: String?, contentDirectory: String, today: PartialDate
    ) throws -> String {
        guard kind != .site else { throw Problem(message: "site.md is not made with 'new'", hint: nil) }
        guard Slug.isValid(slug) else {
            let suggestion = Slug.suggest(for: slug)
            throw Problem(
                message: "'\(slug)' is not a slug (lower-case ASCII letters, digits and single hyphens)",
                hint: suggestion.isEmpty ? nil : "rename it to '\(suggestion)'")
        }
        if let title, title.isEmpty || !readsBack(quoted(title), as: title) {
            throw Problem(
                message: "the title '\(title)' cannot be written as a front matter value",
                hint: "leave out control characters, or write the title in the file afterwards")
        }
        let folder = join(contentDirectory, kind.folder)
        let path = join(folder, slug + ".md")
        guard !FileManager.default.fileExists(atPath: path) else {
            throw Problem(message: "'\(path)' already exists", hint: "pick another slug, or edit that file")
        }
        let asOf = siteAsOf(contentDirectory)
        let date = asOf.map { $0.firstDay < today.firstDay ? $0 : today } ?? today
        let text = scaffold(kind, slug: slug, title: title, date: date)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw Problem(message: "cannot write '\(path)'", hint: "check that the content folder is writable")
        }
        return path
    }

    /// The text of a new file of `kind`, as its document type scaffolds it.
    public static func scaffold(_ kind: ContentKind, slug: String, title: String?, date: PartialDate) -> String {
        let name = quoted(title ?? slug.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined(separator: " "))
        guard let type = kind.entry.type else { return "" }
        let (lines, body) = type.scaffold(name: name, date: date)
        return "---\n" + lines.joined(separator: "\n") + "\n---\n" + body
    }

    /// A title as a front matter value: plain when the front matter parser reads it back as
    /// the same text with no problem, double-quoted otherwise (`, and then`, `? what`, `a: b`).
    /// The parser itself decides, so no rule of the subset is kept here twice.
    static func quoted(_ text: String) -> String {
        if !text.isEmpty, readsBack(text, as: text) { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Whether `title: <value>` reads back as `text`, without a diagnostic.
    static func readsBack(_ value: String, as text: String) -> Bool {
        let (document, problems) = FrontMatterParser.parse(
            SourceFile(path: "new.md", text: "---\ntitle: \(value)\n---\n"))
        guard problems.isEmpty, let entry = document?.map["title"], case .scalar(let scalar) = entry.value else {
            return false
        }
        return scalar.text == text
    }

    /// The site's `as-of`, when `site.md` can be read.
    private static func siteAsOf(_ contentDirectory: String) -> PartialDate? {
        let path = join(contentDirectory, "site.md")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let (content, _) = ContentParser(includeDrafts: false).assemble(
            site: SourceFile(path: path, text: text), files: [], parsed: [])
        return content.site?.asOf
    }
}
