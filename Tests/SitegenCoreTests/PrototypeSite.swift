@testable import SitegenCore

/// A small site that fills every value of every page model: every optional key set, every
/// list non-empty (sources, quotes, a table of contents, related briefs, backlinks, members, a
/// scheduled and a past event), every list a page long (`page-size: 1`, so every list has pages
/// of its own and a pager) and the timeline split by month. The tests render every page type
/// of it (`TypedPagesTests`).
enum PrototypeSite {
    static let site = """
        ---
        title: Prototype
        description: Every value of every view model.
        language: en
        as-of: 2025-08-30
        base-url: https://example.org/prototype/
        editors: [An Editor]
        contact: corrections@example.org
        image: https://example.org/prototype/share.png
        brief-words: 1-10000
        page-size: 1
        quotes-per-page: 1
        timeline-split: 1
        search: true
        ---
        Intro.

        """

    static let files: [(ContentKind, String, String)] = [
        (
            .brief, "a",
            """
            ---
            title: A
            summary: S.
            date: 2025-08-29
            updated: 2025-08-30
            kind: explainer
            people: [p]
            organizations: [o]
            topics: [t]
            events: [past, next]
            featured: true
            draft: true
            updates:
              - date: 2025-08-30
                kind: correction
                note: N.
            sources:
              - document: d
                reported-by: o
                note: N.
              - d2
            ---
            ## One

            Cited [here](@sources/d) and [again](@sources/d).

            ### Two

            ## Three

            """
        ),
        (.brief, "b", "---\ntitle: B\nsummary: S.\ndate: 2025-08-20\nkind: news\npeople: [p]\ntopics: [t]\n---\nB.\n"),
        (
            .person, "p",
            """
            ---
            name: P
            role: R
            summary: S.
            country: C
            affiliations: [o]
            aliases: [Q]
            quotes:
              - text: Q.
                date: 2025-08
                context: C.
                source: d
                reported-by: o
            sources:
              - document: d
                reported-by: o
                note: N.
              - d2
            ---
            P.

            """
        ),
        (
            .organization, "o",
            """
            ---
            name: O
            short-name: OO
            kind: party
            country: C
            summary: S.
            sources:
              - document: d
                reported-by: o
                note: N.
              - d2
            ---
            O.

            """
        ),
        (
            .event, "past",
            """
            ---
            title: Past
            date: 2025-08-27
            location: L
            people: [p]
            organizations: [o]
            topics: [t]
            sources:
              - document: d
                reported-by: o
                note: N.
              - d2
            ---
            Past.

            """
        ),
        (.event, "next", "---\ntitle: Next\ndate: 2025-09-02\nend: 2025-09-04\npeople: [p]\n---\nNext.\n"),
        (.topic, "t", "---\ntitle: T\nsummary: S.\nsources: [d]\n---\nT.\n"),
        (.page, "about", "---\ntitle: About\nsummary: S.\nmenu: true\nsources: [d]\n---\nAbout.\n"),
        (
            .source, "d",
            """
            ---
            title: D
            publisher: P
            author: A
            date: 2025-08-28
            url: https://example.org/d
            kind: report
            publish-text: true
            ---
            One paragraph. Q.

            Another.

            """
        ),
        (.source, "d2", "---\ntitle: D2\npublisher: unknown\nkind: other\n---\nText.\n"),
    ]

    /// The prototype's content graph, built as any site's is (drafts included); once a process.
    static let graph: SiteGraph? = makeGraph()

    private static func makeGraph() -> SiteGraph? {
        let parser = ContentParser(includeDrafts: true)
        let contentFiles = files.map { kind, slug, text in
            ContentFile(kind: kind, slug: slug, source: SourceFile(path: "\(kind.folder)/\(slug).md", text: text))
        }
        let (content, _) = parser.assemble(
            site: SourceFile(path: "site.md", text: site), files: contentFiles,
            parsed: contentFiles.map { ContentParser.parse($0) })
        let builder = SiteBuilder(options: BuildOptions(jobs: 1))
        let (bodies, _) = builder.renderBodies(content)
        var graph = GraphBuilder(jobs: 1).build(content, bodies: bodies).0
        graph?.provenQuotes =
            ContentChecks.run(site: content.site, documents: content.allDocuments, bodies: bodies, jobs: 1).provenQuotes
        return graph
    }
}
