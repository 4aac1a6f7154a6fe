import Foundation

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
        let clock = ContinuousClock()
        var lap = clock.now
        func stage(_ name: String) {
            let now = clock.now
            report.stageTimes.append((name, now - lap))
            lap = now
        }
        let writer = OutputWriter(outputDirectory: options.outputDirectory)
        if write, let problem = writer.checkReplaceable() { report.diagnostics.append(problem) }

        let loaded = ContentLoader(contentDirectory: options.contentDirectory, jobs: options.jobs).load()
        report.diagnostics.append(contentsOf: loaded.diagnostics)
        let (templates, templateProblems) = TemplateLoader(directory: options.templatesDirectory).load()
        report.diagnostics.append(contentsOf: templateProblems)
        stage("load")

        var (content, parseProblems) = ContentParser(includeDrafts: options.includeDrafts, jobs: options.jobs).parse(
            loaded)
        report.diagnostics.append(contentsOf: parseProblems)
        if let site = content.site, let baseURL = options.baseURL {
            content.site = Site(
                title: site.title, description: site.description, language: site.language, asOf: site.asOf,
                baseURL: baseURL.hasSuffix("/") ? baseURL : baseURL + "/", editors: site.editors, body: site.body)
        }
        stage("front matter")

        let (bodies, stored) = renderBodies(content)
        for body in bodies.values { report.diagnostics.append(contentsOf: body.diagnostics) }
        stage("markdown index")

        let (graph, graphProblems) = GraphBuilder(jobs: options.jobs).build(content, bodies: bodies, stored: stored)
        report.diagnostics.append(contentsOf: graphProblems)
        stage("graph")

        guard let graph, let templates, !report.diagnostics.hasErrors else { return report }
        do {
            let staging = write ? try writer.beginStaging() : nil
            defer { if let staging, !report.didWrite { writer.discard(staging) } }
            let (pages, files) = try emitSite(graph, templates: templates, into: staging)
            report.pageCount = pages
            report.fileCount = files
            stage("render and write")
            if let staging {
                report.fileCount += try staging.copyAssets(from: join(options.templatesDirectory, "assets"))
                try writer.commit(staging)
                report.didWrite = true
                stage("swap in")
            }
        } catch {
            report.diagnostics.append(
                .error(
                    "write.failed", "could not write the site: \(error.localizedDescription)",
                    hint: "the previous '\(options.outputDirectory)' is left as it was"))
        }
        return report
    }

    /// Renders every body once, on every core, each with the relative root of the page it appears on.
    func renderBodies(_ content: ContentSet) -> ([String: RenderedMarkdown], StoredBodies?) {
        var sources: [(key: String, root: String, body: MarkdownSource)] = []
        func add(_ kind: ContentKind, _ slug: String, _ body: MarkdownSource, key: String? = nil) {
            sources.append(
                (key ?? ContentSet.key(kind, slug), ContentURL.rootPrefix(from: ContentURL.path(kind, slug)), body))
        }
        if let site = content.site { sources.append(("site", "", site.body)) }
        for b in content.briefs { add(.brief, b.slug, b.body) }
        for p in content.people { add(.person, p.slug, p.body) }
        for o in content.organizations { add(.organization, o.slug, o.body) }
        for e in content.events { add(.event, e.slug, e.body) }
        for t in content.topics { add(.topic, t.slug, t.body) }
        for p in content.pages { add(.page, p.slug, p.body) }
        for u in content.unpublished { add(u.kind, u.slug, u.body, key: GraphBuilder.unpublishedKey(u.kind, u.slug)) }
        let all = sources
        // Brief bodies are the bulk of the site: their HTML goes to a scratch file and is read
        // back as each page is written, so it is neither held in memory nor parsed twice.
        let scratch = ScratchStore()
        let rendered = parallelMap(all.count, jobs: options.jobs, makeWorker: { MarkdownRenderer() }) {
            renderer, i -> (RenderedMarkdown, ScratchStore.Handle?) in
            let isBrief = all[i].key.hasPrefix("briefs/")
            let body = renderer.render(
                all[i].body, rootPrefix: all[i].root, reservedIDs: Self.reservedIDs,
                output: isBrief && scratch == nil ? .index : .full)
            guard isBrief, let scratch, let handle = scratch.store(body.html) else { return (body, nil) }
            return (body.withoutHTML(), handle)
        }
        var handles: [String: ScratchStore.Handle] = [:]
        var bodies: [String: RenderedMarkdown] = [:]
        for (source, (body, handle)) in zip(all, rendered) where bodies[source.key] == nil {
            bodies[source.key] = body
            if let handle { handles[source.key] = handle }
        }
        return (bodies, scratch.map { StoredBodies(store: $0, handles: handles) })
    }

    /// Renders every file on every core, each written as soon as it is rendered.
    private func emitSite(
        _ graph: SiteGraph, templates: TemplateSet, into staging: StagingFolder?
    ) throws -> (pages: Int, files: Int) {
        let jobs = PageRenderer.jobs(for: graph)
        try staging?.createFolders(for: jobs.map(\.path), jobs: options.jobs)
        let fragments = FragmentCache(templates: templates)
        let failures = parallelMap(
            jobs.count, jobs: options.jobs,
            makeWorker: { PageRenderer(graph: graph, templates: templates, fragments: fragments) }
        ) { renderer, i -> String? in
            let file = renderer.render(jobs[i])
            do {
                try staging?.write(file, creatingFolder: false)
                return nil
            } catch {
                return "\(file.path): \(error.localizedDescription)"
            }
        }.compactMap { $0 }
        if let failure = failures.first { throw WriteError(message: failure) }
        return (jobs.filter(\.isPage).count, jobs.count)
    }
}

struct WriteError: LocalizedError, CustomStringConvertible {
    let message: String
    var description: String { message }
    var errorDescription: String? { message }
}
