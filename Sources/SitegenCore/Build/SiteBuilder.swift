import Foundation
import Synchronization

/// Runs the stages in order — load, parse, Markdown, graph, render, write — and stops before
/// writing when any stage found an error. Every stage runs on whatever the stages before it
/// could read, so one run reports every problem it can find.
public struct SiteBuilder: Sendable {
    public let options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Checks everything a build checks; writes only when `write` is true and nothing failed.
    public func run(write: Bool) -> BuildReport {
        var report = BuildReport(diagnostics: Diagnostics())
        var clock = StageClock()
        func stage(_ name: String) {
            clock.stage(name)
            report.stageTimes = clock.times
        }
        let writer = OutputWriter(outputDirectory: options.outputDirectory)
        var lock: OutputLock?
        if write, let problem = OutputPath.problem(
            output: options.outputDirectory, content: options.contentDirectory, templates: options.templatesDirectory)
        {
            report.diagnostics.append(problem)
        } else if write {
            do {
                lock = try OutputLock(outputDirectory: options.outputDirectory, waiting: options.waitingForLock)
            } catch {
                report.diagnostics.append(
                    .error("write.lock", "\(error)", hint: "check that the folder holding the output is writable"))
            }
            if let problem = writer.checkReplaceable() { report.diagnostics.append(problem) }
        }
        defer { withExtendedLifetime(lock) {} }

        let (discovered, found) = ContentLoader(contentDirectory: options.contentDirectory, jobs: options.jobs)
            .discover()
        report.diagnostics.append(contentsOf: discovered.diagnostics)
        let loaded = loadTemplates()
        let templates = loaded.templates
        report.diagnostics.append(contentsOf: loaded.problems)
        stage("find files, templates")

        // The staging folder is begun here, so that a new one's document folders are made
        // while the files are read and the graph is built (`EarlyFolders`): a file's name gives
        // its page's folder.
        var staging: Result<StagingFolder, any Error>?
        if write && !report.diagnostics.hasErrors { staging = Result { try writer.beginStaging() } }
        let early = (try? staging?.get()).flatMap { folder in
            folder.isReused ? nil : EarlyFolders(in: folder, for: found.map { DocumentID($0.kind, $0.slug).path + "index.html" })
        }
        defer {
            // A build that stops before writing keeps its staging folder as the spare.
            if let folder = try? staging?.get(), !report.didWrite {
                _ = early?.wait(cancelling: true)
                writer.discard(folder)
            }
        }

        let parser = ContentParser(includeDrafts: options.includeDrafts, jobs: options.jobs)
        let scratch = ScratchStore()
        let ids = templates?.ids ?? .footnotes
        let (limits, collectsFigures) = ContentLimits.forBodies(site: discovered.site)
        let perFile = readParseAndRender(
            found, parser: parser, scratch: scratch, ids: ids, limits: limits, collectsFigures: collectsFigures,
            releasingTexts: true)
        let assembled = assemble(discovered.site, perFile, parser: parser, scratch: scratch, ids: ids)
        let (content, bodies, stored) = (assembled.content, assembled.bodies, assembled.stored)
        report.diagnostics.append(contentsOf: assembled.diagnostics)
        stage("read, parse, Markdown")

        // What is left of the checks once the graph is built is the "quotes, policies" stage.
        let resolved = resolve(content, bodies: bodies, graphBuilt: { stage("graph") })
        let graph = resolved.graph
        report.diagnostics.append(contentsOf: resolved.diagnostics)
        report.proof = resolved.checks.counts
        leaveForExit(perFile, content, bodies, graph, templates)
        stage("quotes, policies")

        if options.strict { report.diagnostics.promoteWarnings() }
        guard let graph, let templates, !report.diagnostics.hasErrors else { return report }
        do {
            let staging = try staging?.get()
            let (pages, files) = try emitSite(
                graph, stored: stored, templates: templates, into: staging, made: early?.wait() ?? [],
                assets: loaded.assets.map { "assets/" + $0 })
            report.pageCount = pages
            report.fileCount = files
            stage("render and write")
            if let staging {
                report.fileCount += try staging.copyAssets(loaded.assets, from: loaded.assetsFolder)
                if graph.site.search {
                    if let problem = SearchIndex.build(in: staging.path, site: graph.site, environment: options.environment) {
                        report.diagnostics.append(problem)
                        if options.strict { report.diagnostics.promoteWarnings() }
                        if report.diagnostics.hasErrors { return report }
                    }
                    stage("search index")
                }
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

    /// The content set, bodies and stored bodies from the first pass's results: the site's
    /// own body is rendered here, `base-url` is overridden as the options say. `diagnostics`
    /// are the parse stage's (also alone, as `parseDiagnostics`) and every body's.
    func assemble(
        _ site: SourceFile?, _ perFile: [FileResult], parser: ContentParser, scratch: ScratchStore?, ids: PageIDs
    ) -> (
        content: ContentSet, bodies: [DocumentID: RenderedMarkdown], stored: StoredBodies?,
        parseDiagnostics: [Diagnostic], diagnostics: [Diagnostic]
    ) {
        var (content, parseDiagnostics) = parser.assemble(
            site: site, files: perFile.compactMap(\.file), parsed: perFile.map { ($0.document, $0.problems) })
        if let baseURL = options.baseURL {
            content.site?.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        }
        var bodies: [DocumentID: RenderedMarkdown] = [:]
        var handles: [DocumentID: ScratchStore.Handle] = [:]
        if let site = content.site {
            let overLimits = site.limits.problems(in: site.body)
            parseDiagnostics += overLimits
            if overLimits.isEmpty {
                let renderer = MarkdownRenderer(collectsFigures: site.policies.figures != .off)
                bodies[.site] = render((.site, site.body), with: renderer, into: nil, ids: ids).rendered
            }
        }
        for case let (id, body)? in perFile.map(\.body) where bodies[id] == nil {
            bodies[id] = body.rendered
            if let handle = body.handle { handles[id] = handle }
        }
        if !content.draftDocuments.isEmpty {
            // The left-out drafts' bodies, read only for the documents they cite inline.
            let renderer = MarkdownRenderer()
            var draftBodies: [DocumentID: RenderedMarkdown] = [:]
            for draft in content.draftDocuments where draft.id.kind.entry.bodyIsMarkdown {
                draftBodies[draft.id] = render((draft.id, draft.body), with: renderer, into: nil, ids: ids).rendered
            }
            content = content.withholdingSourcesOnlyDraftsCite(bodies: bodies.merging(draftBodies) { a, _ in a })
        }
        var diagnostics = parseDiagnostics
        for body in bodies.values { diagnostics.append(contentsOf: body.diagnostics) }
        return (
            content, bodies, scratch.map { StoredBodies(store: $0, handles: handles) }, parseDiagnostics, diagnostics
        )
    }

    /// Renders every body of `content` (the site's, published and unpublished documents'),
    /// on every core, as `run` does file by file.
    func renderBodies(
        _ content: ContentSet, ids: PageIDs = .footnotes
    ) -> ([DocumentID: RenderedMarkdown], StoredBodies?) {
        var sources: [BodySource] = content.site.map { [(.site, $0.body)] } ?? []
        sources += content.allDocuments.map { ($0.id, $0.body) } + content.unpublished.map { ($0.id, $0.body) }
        sources.removeAll { !$0.id.kind.entry.bodyIsMarkdown }
        let all = sources
        let scratch = ScratchStore()
        let rendered = parallelMap(all.count, jobs: options.jobs, makeWorker: { MarkdownRenderer() }) { renderer, i in
            render(all[i], with: renderer, into: scratch, ids: ids)
        }
        var handles: [DocumentID: ScratchStore.Handle] = [:]
        var bodies: [DocumentID: RenderedMarkdown] = [:]
        for (source, (body, handle)) in zip(all, rendered) where bodies[source.id] == nil {
            bodies[source.id] = body
            if let handle { handles[source.id] = handle }
        }
        return (bodies, scratch.map { StoredBodies(store: $0, handles: handles) })
    }

    /// Renders every file on every core, each written as soon as it is rendered.
    private func emitSite(
        _ graph: SiteGraph, stored: StoredBodies?, templates: TemplateSet, into staging: StagingFolder?,
        made: Set<String>, assets: [String]
    ) throws -> (pages: Int, files: Int) {
        let jobs = PageRenderer.jobs(for: graph, sitemapLimit: options.sitemapLimit)
        if let staging {
            let paths = jobs.map(\.path)
            // A reused staging folder (the spare) keeps the folders and files this site has; a
            // new one has the folders made early that this site needs. Folders still missing
            // (those of list pages) are made as their first file is written.
            if staging.isReused { staging.prune(keeping: Set(paths + assets + [OutputWriter.markerName])) }
            if !made.isEmpty { staging.removeUnneeded(made, needed: StagingFolder.folders(of: paths)) }
        }
        let fragments = FragmentCache(templates: templates, limit: options.fragmentLimit)
        leaveForExit(jobs, fragments)
        let failures = renderPages(
            jobs, graph: graph, templates: templates, fragments: fragments, stored: stored, recordingReads: false
        ) { _, file -> String? in
            do {
                try staging?.write(file)
                return nil
            } catch {
                return "\(file.path): \(error.localizedDescription)"
            }
        }.compactMap { $0 }
        if let failure = failures.first { throw WriteError(message: failure) }
        return (jobs.filter(\.isPage).count, jobs.count)
    }
}

/// Values kept until the process exits, see `BuildOptions.leavesDataForExit`.
private let leftForExit = Mutex<[any Sendable]>([])

extension SiteBuilder {
    func leaveForExit(_ values: any Sendable...) {
        guard options.leavesDataForExit else { return }
        leftForExit.withLock { $0 += values }
    }
}

extension ContentSet {
    /// The content without the source documents that drafts left out of this build cite and
    /// no published page does (in front matter, inline, or in `site.md`): a document gathered
    /// for a brief not yet published is not published before it, nor indexed for search.
    /// A source document no page cites stays published. `bodies` holds the drafts' too.
    func withholdingSourcesOnlyDraftsCite(bodies: [DocumentID: RenderedMarkdown]) -> ContentSet {
        func cited(_ document: any Document) -> Set<String> { Self.sourcesNamed(by: document, body: bodies[document.id]) }
        let byDrafts = draftDocuments.reduce(into: Set<String>()) { $0.formUnion(cited($1)) }
        var byPublished = allDocuments.reduce(into: Set<String>()) { $0.formUnion(cited($1)) }
        byPublished.formUnion(site?.citations.map(\.document.slug) ?? [])
        byPublished.formUnion(bodies[.site].map { $0.references.filter { $0.kind == .source }.map(\.slug) + $0.citedSources.map(\.slug) } ?? [])
        let withheld = byDrafts.subtracting(byPublished)
        guard !withheld.isEmpty else { return self }
        var content = self
        content.documents[.source]?.removeAll { withheld.contains($0.slug) }
        // A plain link to its page from a published page is then a broken link, not a page
        // that is not there.
        for slug in withheld { content.existing.remove(DocumentID(.source, slug)) }
        return content
    }

    /// The source documents a document names, in front matter or in its body: whether a
    /// draft's source is withheld depends on these of every published document.
    static func sourcesNamed(by document: any Document, body: RenderedMarkdown?) -> Set<String> {
        let references = document.allReferences + (body?.references ?? [])
        return Set(references.filter { $0.kind == .source }.map(\.slug) + (body?.citedSources.map(\.slug) ?? []))
    }
}
