import Foundation

/// `sitegen init [DIR]`: a new explainer that builds and checks with no warnings at once, as
/// `hugo new site` and `zola init` start one: `site.md`, one source document with a brief, a
/// person and an event that cite it and quote it word for word, the shipped templates and
/// stylesheet (copied, so they can be edited), and a `.gitignore`.
public enum NewSite {
    /// What `init` wrote: the files, by path below the new folder.
    public struct Created: Sendable {
        public let folder: String
        public let files: [String]
    }

    /// Makes the explainer in `folder` (made if missing), with the templates of
    /// `templatesFolder` and `today` as its `as-of` and the example's dates. Refuses a folder
    /// that holds anything but a `.git` folder, and writes nothing then.
    public static func create(in folder: String, templatesFolder: String, today: PartialDate) throws -> Created {
        let fm = FileManager.default
        switch ProjectFiles.entry(folder) {
        case .missing: break
        case .folder:
            let entries = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter { $0 != ".git" }.sorted()
            guard entries.isEmpty else {
                throw NewContent.Problem(
                    message: "'\(folder)' is not empty (it holds \(entries.prefix(3).map { "'\($0)'" }.joined(separator: ", "))\(entries.count > 3 ? ", …" : ""))",
                    hint: "run 'sitegen init NAME' to make a new folder, or empty this one")
            }
        default:
            throw NewContent.Problem(message: "'\(folder)' exists and is not a folder", hint: nil)
        }
        guard ProjectFiles.entry(templatesFolder) == .folder, ProjectFiles.entry(join(templatesFolder, "layout.mustache")) == .file else {
            throw NewContent.Problem(
                message: "the shipped templates were not found at '\(templatesFolder)'",
                hint: "install sitegen with 'make install' (it puts them in PREFIX/share/sitegen/Templates), or set SITEGEN_TEMPLATES")
        }
        var written: [String] = []
        func write(_ relative: String, _ bytes: some Sequence<UInt8>) throws {
            let url = URL(fileURLWithPath: join(folder, relative))
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .withoutOverwriting)
            written.append(relative)
        }
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (relative, text) in example(today: today) { try write(relative, text.utf8) }
        for (relative, entry) in ProjectFiles.walk(templatesFolder) where entry == .file {
            let bytes = try ProjectFiles.read(join(templatesFolder, relative)).mapError {
                NewContent.Problem(message: "cannot read the shipped template '\(relative)': \($0.description)", hint: nil)
            }.get()
            try write("Templates/" + relative, bytes)
        }
        return Created(folder: folder, files: written.sorted())
    }

    /// Where the shipped templates are: `SITEGEN_TEMPLATES`; beside an installed binary
    /// (`PREFIX/bin/sitegen` → `PREFIX/share/sitegen/Templates`, as `make install` lays them
    /// out); or the `Templates/` of the checkout the binary was built from (`swift run`).
    public static func shippedTemplates(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: String? = Bundle.main.executablePath
    ) -> String {
        if let set = environment["SITEGEN_TEMPLATES"], !set.isEmpty { return set }
        if let executable {
            let bin = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
            let installed = bin.deletingLastPathComponent().appendingPathComponent("share/sitegen/Templates").path
            if ProjectFiles.entry(installed) == .folder { return installed }
        }
        // Sources/SitegenCore/Load/NewSite.swift → the checkout's Templates/.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates").path
    }

    /// The example's files, by path: a source document and the brief, person and event that
    /// cite it, each quote in them word for word from the document.
    static func example(today: PartialDate) -> [(String, String)] {
        let date = today.iso
        return [
            (
                ".gitignore",
                """
                # The built site and what a build keeps beside it.
                /Public/
                /.Public.sitegen-*

                """
            ),
            (
                "Content/site.md",
                """
                ---
                title: An explainer
                description: A sourced explainer, started with sitegen init.
                language: en
                as-of: \(date)                # facts are current to this date
                # base-url: https://example.org/explainer/   # optional: canonical links, feed.xml, sitemap.xml
                # search: true                # optional: a Pagefind search index (pip install pagefind-bin)
                ---
                This is the home page's introduction. Start with the
                [example brief](@briefs/example-brief), then the [timeline](@timeline).
                Every file in `Content/` is an example: replace them with your own.

                """
            ),
            (
                "Content/sources/example-statement.md",
                """
                ---
                title: Example statement (replace it with a real document)
                publisher: unknown             # who published it, or unknown when the document does not say
                kind: statement                # report, transcript, statement, dataset or other
                ---
                Ana Ejemplo, a member of the city council, said the new library would open in the spring.
                "Every reader in the city will be welcome at the new library," she said.

                """
            ),
            (
                "Content/people/ana-ejemplo.md",
                """
                ---
                name: Ana Ejemplo
                role: Member of the city council
                summary: An example person, quoted by the example statement.
                quotes:
                  - text: Every reader in the city will be welcome at the new library
                    source: example-statement   # checked word for word against that document
                sources: [example-statement]
                ---
                Ana Ejemplo is a member of the city council, according to the
                [example statement](@sources/example-statement).

                """
            ),
            (
                "Content/events/example-statement-issued.md",
                """
                ---
                title: Ana Ejemplo speaks about the new library
                date: \(date)
                people: [ana-ejemplo]
                sources: [example-statement]
                ---
                Ana Ejemplo said the new library would open in the spring.

                """
            ),
            (
                "Content/briefs/example-brief.md",
                """
                ---
                title: What the example statement says
                summary: An example brief that cites its source and quotes it word for word.
                date: \(date)
                kind: explainer                # explainer, analysis, news or backgrounder
                people: [ana-ejemplo]
                events: [example-statement-issued]
                sources: [example-statement]
                ---
                [Ana Ejemplo](@people/ana-ejemplo) said the new library would open in the spring,
                according to an [example statement](@sources/example-statement). "Every reader in
                the city will be welcome at the new library," she said.

                Every quotation of four words or more is checked against the documents the brief
                cites: change a word of the one above and `sitegen check` shows where.

                """
            ),
        ]
    }
}
