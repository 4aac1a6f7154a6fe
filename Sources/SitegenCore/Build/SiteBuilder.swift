/// Runs the stages in order — load, parse, Markdown, graph, render, write — and stops before
/// writing when any stage found an error. Every stage runs on whatever the stages before it
/// could read, so one run reports every problem it can find.
public struct SiteBuilder: Sendable {
    public let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Ids the page templates use, which heading ids in bodies must not take.
    static let reservedIDs: Set<String> = [
        "main", "top", "contents", "sources", "related", "people", "events", "quotes", "briefs", "timeline",
        "members", "organizations", "topics", "affiliations", "footnotes", "site-nav",
    ]

    /// Checks everything a build checks; writes only when `write` is true and nothing failed.
    public func run(write: Bool) -> BuildReport {
        var report = BuildReport(diagnostics: Diagnostics())
        let writer = OutputWriter(outputDirectory: options.outputDirectory)
        if write, let problem = writer.checkReplaceable() { report.diagnostics.append(problem) }

        let loaded = ContentLoader(contentDirectory: options.contentDirectory).load()
        report.diagnostics.append(contentsOf: loaded.diagnostics)
        let (templates, templateProblems) = TemplateLoader(directory: options.templatesDirectory).load()
        report.diagnostics.append(contentsOf: templateProblems)

        var (content, parseProblems) = ContentParser(includeDrafts: options.includeDrafts).parse(loaded)
        report.diagnostics.append(contentsOf: parseProblems)
        if let site = content.site, let baseURL = options.baseURL {
            content.site = Site(
                title: site.title, description: site.description, language: site.language, asOf: site.asOf,
                baseURL: baseURL.hasSuffix("/") ? baseURL : baseURL + "/", editors: site.editors, body: site.body)
        }

        let bodies = renderBodies(content)
        for body in bodies.values { report.diagnostics.append(contentsOf: body.diagnostics) }

        let (graph, graphProblems) = GraphBuilder().build(content, bodies: bodies)
        report.diagnostics.append(contentsOf: graphProblems)

        guard let graph, let templates, !report.diagnostics.hasErrors else { return report }
        do {
            let staging = write ? try writer.beginStaging() : nil
            defer { if let staging, !report.didWrite { writer.discard(staging) } }
            try emitSite(graph, templates: templates) { file in
                if file.path.hasSuffix(".html") { report.pageCount += 1 }
                report.fileCount += 1
                try staging?.write(file)
            }
            if let staging {
                report.fileCount += try staging.copyAssets(from: join(options.templatesDirectory, "assets"))
                try writer.commit(staging)
                report.didWrite = true
            }
        } catch {
            report.diagnostics.append(
                .error("write.failed", "could not write the site: \(error.localizedDescription)",
                    hint: "the previous '\(options.outputDirectory)' is left as it was"))
        }
        return report
    }

    /// Renders every body once, each with the relative root of the page it appears on.
    func renderBodies(_ content: ContentSet) -> [String: RenderedMarkdown] {
        let renderer = MarkdownRenderer()
        var bodies: [String: RenderedMarkdown] = [:]
        func add(_ kind: ContentKind, _ slug: String, _ body: MarkdownSource) {
            let root = ContentURL.rootPrefix(from: ContentURL.path(kind, slug))
            bodies[ContentSet.key(kind, slug)] = renderer.render(body, rootPrefix: root, reservedIDs: Self.reservedIDs)
        }
        if let site = content.site {
            bodies["site"] = renderer.render(site.body, rootPrefix: "", reservedIDs: Self.reservedIDs)
        }
        for b in content.briefs { add(.brief, b.slug, b.body) }
        for p in content.people { add(.person, p.slug, p.body) }
        for o in content.organizations { add(.organization, o.slug, o.body) }
        for e in content.events { add(.event, e.slug, e.body) }
        for t in content.topics { add(.topic, t.slug, t.body) }
        for p in content.pages { add(.page, p.slug, p.body) }
        for u in content.unpublished {
            let root = ContentURL.rootPrefix(from: ContentURL.path(u.kind, u.slug))
            bodies[GraphBuilder.unpublishedKey(u.kind, u.slug)] = renderer.render(
                u.body, rootPrefix: root, reservedIDs: Self.reservedIDs)
        }
        return bodies
    }

    private func emitSite(_ graph: SiteGraph, templates: TemplateSet, _ emit: (OutputFile) throws -> Void) throws {
        var pagePaths: [String] = []
        try PageRenderer(graph: graph, templates: templates).renderPages { file in
            if file.path.hasSuffix("index.html") { pagePaths.append(String(file.path.dropLast("index.html".count))) }
            try emit(file)
        }
        if let baseURL = graph.site.baseURL {
            try emit(Feeds.atom(graph, baseURL: baseURL))
            try emit(Feeds.sitemap(pages: pagePaths, graph: graph, baseURL: baseURL))
        }
        try emit(Feeds.robots(baseURL: graph.site.baseURL))
    }
}
