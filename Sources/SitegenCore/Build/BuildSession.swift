import Foundation

/// A build kept in memory between rebuilds: what `sitegen serve` runs after every save.
///
/// A rebuild redoes only what a change can reach, and its output is byte for byte what a full
/// `sitegen build` of the same files writes (tested with random edits against full builds):
///
/// - **Files**: a content file is read, parsed and its Markdown rendered again only when its
///   size, modification time or inode changed.
/// - **Body edits**: when the changed files' front matter is the same as in the last good
///   build, and their bodies name the same documents, keep the same heading ids, lead
///   paragraph and reading time (all that other pages show of a body), only their own pages are
///   rendered again, on the last graph with the new bodies.
/// - **Anything else** (front matter, new, deleted or renamed files): the graph is built again
///   from the cached files, and what changed is worked out as reads (`Dependency.changed`: the
///   changed documents, and the backlinks, orders, related briefs, members, proven quotes and
///   pages of the lists that differ). Every page and cached card recorded what it read when it
///   was last made (`RecordedGraph`); the cards that read something that changed are dropped,
///   and the pages that did are rendered again and hashed; only pages whose bytes changed are
///   replaced.
/// - **`site.md`, templates, assets**: every page is rendered again.
///
/// One session is used from one thread at a time.
public final class BuildSession {
    public let options: BuildOptions

    /// The site as the last good build made it, by path below the site root.
    public private(set) var files: [String: [UInt8]] = [:]
    /// How many successful builds the session has made; 0 before the first.
    public private(set) var generation = 0

    /// What a rebuild found and did.
    public struct Report: Sendable {
        public enum Mode: String, Sendable {
            /// Nothing changed on disk since the last build.
            case unchanged
            /// Only bodies changed: they were checked again and, without errors, their own pages
            /// rendered.
            case bodies
            /// The graph was built again; pages that may show a changed document were rendered.
            case graph
            /// Templates or `site.md` changed, or the first build: every page was rendered.
            case full
        }

        public var diagnostics: Diagnostics
        public var mode: Mode = .unchanged
        /// Files of the site rendered again (pages, feeds, assets) and how many the site has.
        public var renderedFiles = 0
        public var totalFiles = 0
        /// Paths below the site root whose bytes changed, were added or removed.
        public var changedPaths: [String] = []
        /// How long each step took, for `serve --timings`.
        public var stageTimes: [(stage: String, duration: Duration)] = []
        public var succeeded: Bool { !diagnostics.hasErrors }
    }

    private struct Stamp: Equatable {
        let seconds: Int
        let nanoseconds: Int
        let size: Int
        let inode: UInt64

        init?(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            seconds = Int(info.st_mtim.tv_sec)
            nanoseconds = Int(info.st_mtim.tv_nsec)
            size = Int(info.st_size)
            inode = UInt64(info.st_ino)
        }
    }

    private final class CachedFile {
        let stamp: Stamp
        let result: SiteBuilder.FileResult

        init(stamp: Stamp, result: SiteBuilder.FileResult) {
            self.stamp = stamp
            self.result = result
        }
    }

    /// What the last good build was made from.
    private struct LastGood {
        let files: [String: CachedFile]
        let order: [String]
        let siteText: String?
        let graph: SiteGraph
        let handles: [DocumentID: ScratchStore.Handle]
        /// Front matter problems (warnings: the build succeeded), the bodies' by document, the graph's.
        let parseDiagnostics: [Diagnostic]
        let bodyDiagnostics: [DocumentID: [Diagnostic]]
        let graphDiagnostics: [Diagnostic]
        /// What the next graph may be made from, when only documents change.
        let graphMemo: GraphBuilder.Memo?
        /// The content checks', by page: a body edit checks the edited pages again.
        let checks: ContentChecks.Result
        /// Each page's path and the hash of its bytes.
        let digests: [String: Int]
        /// What each page read of the graph when it was last rendered.
        let reads: [String: Set<Dependency>]
        /// Every file's path but the assets', and in the render stage's order.
        let jobPaths: Set<String>
        let jobOrder: [String]
    }

    private let builder: SiteBuilder
    private let parser: ContentParser
    private let scratch: ScratchStore?
    private var cache: [String: CachedFile] = [:]
    private var templateStamps: [String: Stamp] = [:]
    private var templates: TemplateSet?
    /// The ids the cached bodies' headings were kept clear of.
    private var bodyIDs = PageIDs.footnotes
    /// The limits the cached bodies were checked against, and whether their figures were collected.
    private var bodyLimits = ContentLimits()
    private var bodyFigures = true
    private var templateProblems: [Diagnostic] = []
    private var assets: [String: [UInt8]] = [:]
    private var fragments: FragmentCache?
    private var good: LastGood?
    /// The last listing of the content folders: `site.md` and the content files.
    private var lastListing: (LoadedContent, [ContentLoader.FoundFile])?
    /// Whether the last rebuild had no errors (its files are then `good`'s).
    private var lastSucceeded = false

    public init(options: BuildOptions) {
        self.options = options
        builder = SiteBuilder(options: options)
        parser = ContentParser(includeDrafts: options.includeDrafts, jobs: options.jobs)
        scratch = ScratchStore()
    }

    /// Brings the site up to date with the files on disk. `touched` are paths known to have
    /// changed (from the file watcher), read again even when their size and modification time
    /// look the same (two saves within the file system's clock tick). With `complete`, they
    /// are every path that changed since the last rebuild (the watcher's list): when they are
    /// all content files read before and still there, the folders are not listed and no other
    /// file is looked at again.
    public func rebuild(touched: Set<String> = [], complete: Bool = false) -> Report {
        var report = Report(diagnostics: Diagnostics())
        var clock = StageClock()
        func stage(_ name: String) {
            clock.stage(name)
            report.stageTimes = clock.times
        }
        let listing: (LoadedContent, [ContentLoader.FoundFile])
        let onlyEditedFiles = complete ? onlyCachedFilesEdited(touched) : false
        if onlyEditedFiles, let last = lastListing {
            listing = last
        } else {
            listing = ContentLoader(contentDirectory: options.contentDirectory, jobs: options.jobs).discover()
            lastListing = listing
        }
        let (discovered, found) = listing
        report.diagnostics.append(contentsOf: discovered.diagnostics)
        let templatesChanged = reloadTemplatesIfChanged(
            force: touched.contains { $0.hasPrefix(join(options.templatesDirectory, "")) })
        report.diagnostics.append(contentsOf: templateProblems)

        // Heading ids depend on the templates' ids: when those change, every body is made again.
        let ids = templates?.ids ?? .footnotes
        let (limits, collectsFigures) = ContentLimits.forBodies(site: discovered.site)
        if ids != bodyIDs || limits != bodyLimits || collectsFigures != bodyFigures {
            cache = [:]
            bodyIDs = ids
            bodyLimits = limits
            bodyFigures = collectsFigures
        }

        // Files: read again only what changed on disk. Cache entries are objects, so "the
        // same file as in the last good build" is one identity check, whatever its size.
        var stale: [ContentLoader.FoundFile] = []
        var staleStamps: [Stamp?] = []
        for file in found {
            // Of a complete list of edited files, only those can have changed.
            if onlyEditedFiles && !touched.contains(file.path) && cache[file.path] != nil { continue }
            let stamp = Stamp(file.path)
            if let stamp, let cached = cache[file.path], cached.stamp == stamp, !touched.contains(file.path) {
                continue
            }
            stale.append(file)
            staleStamps.append(stamp)
        }
        let fresh = builder.readParseAndRender(
            stale, parser: parser, scratch: scratch, ids: ids, limits: limits, collectsFigures: collectsFigures)
        var unreadable: [String: SiteBuilder.FileResult] = [:]
        for ((file, result), stamp) in zip(zip(stale, fresh), staleStamps) {
            if let stamp, result.file != nil {
                cache[file.path] = CachedFile(stamp: stamp, result: result)
            } else {
                cache[file.path] = nil
                unreadable[file.path] = result
            }
        }
        if cache.count > found.count - unreadable.count {
            let present = Set(found.map(\.path))
            for path in cache.keys where !present.contains(path) { cache[path] = nil }
        }
        stage("find and read changed files")
        let order = found.map(\.path)
        let siteText = discovered.site?.text
        let sameShape = !templatesChanged && siteText == good?.siteText && order == good?.order
        let changedSinceGood = good.map { good in order.filter { cache[$0] == nil || cache[$0] !== good.files[$0] } }

        if let good, sameShape, changedSinceGood?.isEmpty == true, lastSucceeded {
            report.diagnostics.append(
                contentsOf: good.parseDiagnostics + good.bodyDiagnostics.values.joined() + good.graphDiagnostics
                    + good.checks.diagnostics)
            report.totalFiles = files.count
            return report
        }

        // Body edits only: the last graph with the new bodies, and the edited documents' pages.
        if let good, let templates, let fragments, sameShape, let paths = changedSinceGood,
            let changed = bodyOnlyChanges(paths, good)
        {
            var graph = good.graph
            var handles = good.handles
            var bodyDiagnostics = good.bodyDiagnostics
            for body in changed {
                // The same front matter; the document holds its file's new text.
                if let document = body.document { graph.documents[document.id.kind]?[document.slug] = document }
                graph.bodies[body.id] = body.rendered
                handles[body.id] = body.handle
                bodyDiagnostics[body.id] = body.rendered.diagnostics.isEmpty ? nil : body.rendered.diagnostics
            }
            let edited = graph
            let quotes =
                ContentChecks.rechecked(
                    good.checks, ids: Set(changed.map(\.id)), site: graph.site, documents: { edited.document($0) },
                    bodies: graph.bodies)
                ?? ContentChecks.run(site: graph.site, documents: graph.allDocuments, bodies: graph.bodies, jobs: options.jobs)
            graph.provenQuotes = quotes.provenQuotes
            report.diagnostics.append(
                contentsOf: good.parseDiagnostics + bodyDiagnostics.values.joined() + good.graphDiagnostics
                    + quotes.diagnostics)
            report.mode = .bodies
            lastSucceeded = !report.diagnostics.hasErrors
            guard lastSucceeded else { return report }
            // The quotes a source document proves changed: the pages and cards that read them
            // (its page, the pages of its list of quotes, which may have gained or lost a
            // page) are made again, and, when the list of pages changed, the sitemap.
            let changedSources = Set(graph.provenQuotes.keys).union(good.graph.provenQuotes.keys).filter {
                graph.provenQuotes[$0] != good.graph.provenQuotes[$0]
            }
            var jobs = changed.filter { $0.id.kind != .site }.map { PageRenderer.Job.document($0.id) }
            var (digests, reads) = (good.digests, good.reads)
            var keeping: Set<String>?
            var (jobPaths, jobOrder) = (good.jobPaths, good.jobOrder)
            if !changedSources.isEmpty {
                let allJobs = PageRenderer.jobs(for: graph, sitemapLimit: options.sitemapLimit)
                jobOrder = allJobs.map(\.path)
                var changedReads = Set(changedSources.map(Dependency.quotes))
                if jobOrder != good.jobOrder { changedReads.insert(.pageList) }
                fragments.invalidate(reading: changedReads)
                let reading = pages(reading: changedReads, good)
                let known = Set(jobs.map(\.path))
                jobs += zip(allJobs, jobOrder).filter { job, path in
                    !known.contains(path) && (digests[path] == nil || reading.contains(path))
                }.map(\.0)
                jobPaths = Set(jobOrder)
                let paths = jobPaths
                digests = digests.filter { paths.contains($0.key) }
                reads = reads.filter { paths.contains($0.key) }
                keeping = paths
            }
            let rendered = render(
                jobs, graph: graph, handles: handles, templates: templates, fragments: fragments, digests: [:])
            for page in rendered {
                digests[page.path] = page.digest
                reads[page.path] = page.reads
            }
            noteReads(rendered)
            apply(rendered, keeping: keeping, into: &report)
            self.good = LastGood(
                files: cache, order: order, siteText: siteText, graph: graph, handles: handles,
                parseDiagnostics: good.parseDiagnostics, bodyDiagnostics: bodyDiagnostics,
                graphDiagnostics: good.graphDiagnostics, graphMemo: good.graphMemo.map { $0.with(graph, replacing: changed.compactMap(\.document)) }, checks: quotes,
                digests: digests, reads: reads, jobPaths: jobPaths, jobOrder: jobOrder)
            generation += 1
            return report
        }

        // The content and bodies: the last good build's with the edited documents in place
        // when only documents changed, else assembled from every file.
        let assembled: Assembled
        if let good, sameShape, unreadable.isEmpty, let paths = changedSinceGood,
            let edited = reassembled(good, edited: paths)
        {
            assembled = edited
        } else {
            let perFile = order.compactMap { cache[$0]?.result ?? unreadable[$0] }
            let made = builder.assemble(discovered.site, perFile, parser: parser, scratch: scratch, ids: ids)
            var bodyDiagnostics: [DocumentID: [Diagnostic]] = [:]
            for (id, body) in made.bodies where !body.diagnostics.isEmpty { bodyDiagnostics[id] = body.diagnostics }
            var handles: [DocumentID: ScratchStore.Handle] = [:]
            for case let (id, body)? in perFile.map(\.body) where handles[id] == nil {
                if let handle = body.handle { handles[id] = handle }
            }
            assembled = Assembled(
                content: made.content, bodies: made.bodies, handles: handles, parseDiagnostics: made.parseDiagnostics,
                bodyDiagnostics: bodyDiagnostics)
        }
        report.diagnostics.append(contentsOf: assembled.parseDiagnostics + assembled.bodyDiagnostics.values.joined())
        stage("assemble")

        // The graph and the checks again: from the last good build's where only documents
        // changed (what the changed documents reach is worked out again), else from every
        // cached file, the checks meanwhile.
        let changedIDs: Set<DocumentID> = good.map { self.changedIDs(since: $0) } ?? []
        let sameSite = good != nil && siteText == good?.siteText
        let updatedChecks = sameSite
            ? good.flatMap { ContentChecks.updated($0.checks, content: assembled.content, bodies: assembled.bodies, changed: changedIDs) }
            : nil
        let previousGraph = sameSite ? good?.graphMemo.map { (memo: $0, changed: changedIDs) } : nil
        let resolved = builder.resolve(
            assembled.content, bodies: assembled.bodies, after: previousGraph, checked: updatedChecks, keepingMemo: true)
        let quotes = resolved.checks
        report.diagnostics.append(contentsOf: resolved.diagnostics)
        stage("graph")
        lastSucceeded = !report.diagnostics.hasErrors
        guard let graph = resolved.graph, let templates, lastSucceeded else { return report }

        // Pages are in the menu of every page.
        let everything =
            templatesChanged || good == nil || siteText != good?.siteText || changedIDs.contains { $0.kind == .page }
        // What changed, as the reads pages and cards made of the last graph (`Dependency`).
        var changedReads = everything ? [] : good.map { Dependency.changed(from: $0.graph, to: graph, documents: changedIDs) } ?? []
        if everything || fragments == nil {
            fragments = FragmentCache(templates: templates, indexed: true)
        } else if let fragments {
            fragments.invalidate(reading: changedReads)
        }
        guard let fragments else { return report }
        stage("invalidate fragments")
        let jobs = PageRenderer.jobs(for: graph, sitemapLimit: options.sitemapLimit)
        let jobPaths = jobs.map(\.path)
        // The same files as the last good build's: none to remove, no hashes or reads to drop.
        let sameFiles =
            !everything && jobPaths.count == good?.jobPaths.count && jobPaths.allSatisfy { good?.jobPaths.contains($0) == true }
        // The sitemap lists the pages in the render stage's order.
        if jobPaths != good?.jobOrder { changedReads.insert(.pageList) }
        // Files (pages, feeds, exports) that read nothing that changed keep their bytes; the
        // others are rendered again, and replaced if their bytes changed.
        var toPrepare = jobs
        if !everything, let good {
            let reading = pages(reading: changedReads, good)
            let (known, digests) = (files, good.digests)
            toPrepare = zip(jobs, jobPaths).filter { job, path in
                digests[path] == nil || known[path] == nil || reading.contains(path)
            }.map(\.0)
        }
        stage("pages to look at")
        let handles = assembled.handles
        let rendered = render(
            toPrepare, graph: graph, handles: handles, templates: templates, fragments: fragments,
            digests: everything ? [:] : (good?.digests ?? [:]))
        stage("render, hash")
        if !everything { noteReads(rendered) }
        let paths = sameFiles ? nil : Set(jobPaths)
        apply(rendered, keeping: paths, into: &report)
        report.mode = everything ? .full : .graph
        var digests = everything ? [:] : (good?.digests ?? [:])
        var reads = everything ? [:] : (good?.reads ?? [:])
        if let paths, !everything {
            digests = digests.filter { paths.contains($0.key) }
            reads = reads.filter { paths.contains($0.key) }
        }
        for page in rendered {
            digests[page.path] = page.digest
            reads[page.path] = page.reads
        }
        good = LastGood(
            files: cache, order: order, siteText: siteText, graph: graph, handles: handles,
            parseDiagnostics: assembled.parseDiagnostics, bodyDiagnostics: assembled.bodyDiagnostics,
            graphDiagnostics: resolved.graphDiagnostics, graphMemo: resolved.memo, checks: quotes,
            digests: digests, reads: reads, jobPaths: paths ?? good?.jobPaths ?? Set(jobPaths), jobOrder: jobPaths)
        if everything { indexReads(reads) }
        stage("keep")
        generation += 1
        return report
    }

    // MARK: Pages

    /// The pages that read each dependency, made from the last good build's reads when first
    /// needed and kept up to date as pages are rendered again. May name a page for what it no
    /// longer reads (it is then rendered again for nothing): never the other way round.
    private var readersOfPages: [Dependency: Set<String>]?
    /// The index being made on a thread of its own after every page was rendered (the editor
    /// is then not yet editing), and the reads of pages rendered again meanwhile.
    private var pendingReaders: Background<[Dependency: Set<String>]>?
    private var readsSincePending: [(path: String, reads: Set<Dependency>)] = []

    private static func readers(of reads: [String: Set<Dependency>]) -> [Dependency: Set<String>] {
        var readers: [Dependency: Set<String>] = [:]
        for (path, reads) in reads {
            for dependency in reads { readers[dependency, default: []].insert(path) }
        }
        return readers
    }

    /// Starts indexing the last good build's reads when every page was just rendered.
    private func indexReads(_ reads: [String: Set<Dependency>]) {
        readersOfPages = nil
        readsSincePending = []
        pendingReaders = Background(jobs: options.jobs) { Self.readers(of: reads) }
    }

    private func pageReaders(_ good: LastGood) -> [Dependency: Set<String>] {
        if let readersOfPages { return readersOfPages }
        var readers = pendingReaders?.value ?? Self.readers(of: good.reads)
        for (path, reads) in readsSincePending {
            for dependency in reads { readers[dependency, default: []].insert(path) }
        }
        (pendingReaders, readsSincePending, readersOfPages) = (nil, [], readers)
        return readers
    }

    /// The pages that read any of `changed`.
    private func pages(reading changed: Set<Dependency>, _ good: LastGood) -> Set<String> {
        let readers = pageReaders(good)
        return changed.reduce(into: Set<String>()) { $0.formUnion(readers[$1] ?? []) }
    }

    private func noteReads(_ rendered: [RenderedPage]) {
        if readersOfPages == nil {
            if pendingReaders != nil { readsSincePending += rendered.map { ($0.path, $0.reads) } }
            return
        }
        for page in rendered {
            for dependency in page.reads { readersOfPages![dependency, default: []].insert(page.path) }
        }
    }

    private struct RenderedPage: Sendable {
        let path: String
        let digest: Int
        /// Nil when the page's bytes are the same as before: they are kept.
        let bytes: [UInt8]?
        /// What the page read of the graph.
        let reads: Set<Dependency>
    }

    /// Renders each job; a page whose hash is in `digests` keeps its bytes.
    private func render(
        _ jobs: [PageRenderer.Job], graph: SiteGraph, handles: [DocumentID: ScratchStore.Handle],
        templates: TemplateSet, fragments: FragmentCache, digests: [String: Int]
    ) -> [RenderedPage] {
        let known = files
        let stored = scratch.map { StoredBodies(store: $0, handles: handles) }
        return builder.renderPages(
            jobs, graph: graph, templates: templates, fragments: fragments, stored: stored, recordingReads: true
        ) { renderer, file in
            let reads = renderer.reads.take()
            var hasher = Hasher()
            // The page's bytes (`String`'s own hash normalises Unicode first, which is slow).
            var text = file.contents
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            let digest = hasher.finalize()
            if digests[file.path] == digest, known[file.path] != nil {
                return RenderedPage(path: file.path, digest: digest, bytes: nil, reads: reads)
            }
            return RenderedPage(path: file.path, digest: digest, bytes: Array(text.utf8), reads: reads)
        }
    }

    /// Puts rendered pages and the assets into `files`; with `keeping`, removes pages not in it.
    private func apply(_ rendered: [RenderedPage], keeping: Set<String>?, into report: inout Report) {
        var changed: [String] = []
        for page in rendered {
            guard let bytes = page.bytes else { continue }
            report.renderedFiles += 1
            if files[page.path] != bytes { changed.append(page.path) }
            files[page.path] = bytes
        }
        if let keeping {
            for path in files.keys where !keeping.contains(path) && !path.hasPrefix("assets/") {
                files[path] = nil
                changed.append(path)
            }
        }
        for path in files.keys where path.hasPrefix("assets/") && assets[path] == nil {
            files[path] = nil
            changed.append(path)
        }
        for (path, bytes) in assets where files[path] != bytes {
            files[path] = bytes
            changed.append(path)
        }
        report.changedPaths = changed.sorted()
        report.totalFiles = files.count
    }

    // MARK: Content

    /// The content set and bodies the graph is made of, with their diagnostics.
    private struct Assembled {
        var content: ContentSet
        var bodies: [DocumentID: RenderedMarkdown]
        var handles: [DocumentID: ScratchStore.Handle]
        var parseDiagnostics: [Diagnostic]
        var bodyDiagnostics: [DocumentID: [Diagnostic]]
    }

    /// The last good build's content and bodies with the documents of the `edited` files in
    /// place of their old ones: what `SiteBuilder.assemble` makes of every file, when each
    /// edited file was and is a published document of the same id naming the same source
    /// documents (drafts left out withhold the sources only they name: which depends on every
    /// published document's). Nil otherwise. The diagnostics are the same ones, the edited
    /// files' last (they are shown sorted by position).
    private func reassembled(_ good: LastGood, edited paths: [String]) -> Assembled? {
        guard let memo = good.graphMemo, memo.content.unpublished.isEmpty else { return nil }
        var content = memo.content
        var bodies = good.graph.bodies
        var handles = good.handles
        var parseDiagnostics = good.parseDiagnostics
        var bodyDiagnostics = good.bodyDiagnostics
        for path in paths {
            guard let new = cache[path]?.result, let old = good.files[path]?.result,
                case .document(let document) = new.document, case .document(let before) = old.document,
                document.id == before.id, parser.isPublished(new.document), parser.isPublished(old.document),
                let index = content.documents[document.id.kind]?.firstIndex(where: { $0.slug == document.slug })
            else { return nil }
            if !memo.content.draftDocuments.isEmpty
                && ContentSet.sourcesNamed(by: document, body: new.body?.1.rendered)
                    != ContentSet.sourcesNamed(by: before, body: old.body?.1.rendered)
            {
                return nil
            }
            content.documents[document.id.kind]![index] = document
            for problem in old.problems {
                guard let at = parseDiagnostics.firstIndex(of: problem) else { return nil }
                parseDiagnostics.remove(at: at)
            }
            parseDiagnostics += new.problems
            let id = document.id
            bodies[id] = new.body?.1.rendered
            handles[id] = new.body?.1.handle
            let diagnostics = new.body?.1.rendered.diagnostics ?? []
            bodyDiagnostics[id] = diagnostics.isEmpty ? nil : diagnostics
        }
        return Assembled(
            content: content, bodies: bodies, handles: handles, parseDiagnostics: parseDiagnostics,
            bodyDiagnostics: bodyDiagnostics)
    }

    // MARK: What changed

    /// Whether every path of a complete list of changes is a content file read before that is
    /// still a regular file there, or a path that is gone and was never one (an editor's
    /// temporary file, saved and renamed), or a template: then no file appeared, disappeared or
    /// was renamed, and the last listing of the folders holds.
    private func onlyCachedFilesEdited(_ touched: Set<String>) -> Bool {
        guard !touched.isEmpty, let (_, found) = lastListing else { return false }
        let templates = join(options.templatesDirectory, "")
        let sitePath = join(options.contentDirectory, "site.md")
        let listed = Set(found.map(\.path))
        for path in touched where !path.hasPrefix(templates) {
            var info = stat()
            let exists = lstat(path, &info) == 0
            if path == sitePath { return false }
            if cache[path] != nil {
                guard exists, info.st_mode & S_IFMT == S_IFREG else { return false }
            } else if exists || listed.contains(path) {
                return false
            }
        }
        return true
    }

    /// The documents whose file changed, appeared or disappeared since the last good build.
    private func changedIDs(since good: LastGood) -> Set<DocumentID> {
        var ids: Set<DocumentID> = []
        for path in Set(cache.keys).union(good.files.keys) where cache[path] !== good.files[path] {
            for file in [cache[path]?.result.file, good.files[path]?.result.file] {
                if let file { ids.insert(file.id) }
            }
        }
        return ids
    }

    /// The new bodies, by document, when every changed file changed only in ways that reach no page
    /// but its own (the same front matter; bodies that show the same elsewhere); nil otherwise.
    private func bodyOnlyChanges(
        _ paths: [String], _ good: LastGood
    ) -> [(id: DocumentID, rendered: RenderedMarkdown, handle: ScratchStore.Handle?, document: (any Document)?)]? {
        var changed: [(id: DocumentID, rendered: RenderedMarkdown, handle: ScratchStore.Handle?, document: (any Document)?)] = []
        for path in paths {
            guard let new = cache[path]?.result, let old = good.files[path]?.result,
                let newText = new.file?.source.text, let oldText = old.file?.source.text,
                let newBody = new.body, let oldBody = old.body, newBody.id == oldBody.id,
                let newSource = new.document.body, let oldSource = old.document.body
            else { return nil }
            let newHead = newText.utf8.count - newSource.body.text.utf8.count
            let oldHead = oldText.utf8.count - oldSource.body.text.utf8.count
            guard newHead == oldHead, newText.utf8.prefix(newHead).elementsEqual(oldText.utf8.prefix(oldHead)),
                new.problems.count == old.problems.count,
                Self.showsTheSame(newBody.1.rendered, oldBody.1.rendered)
            else { return nil }
            var document: (any Document)?
            if case .document(let d) = new.document, d.id == newBody.id { document = d }
            changed.append((newBody.id, newBody.1.rendered, newBody.1.handle, document))
        }
        return changed
    }

    /// Whether two renderings of a body show the same on every page but the body's own.
    /// Plain links are checked by the graph (and may warn at their position), so a body with
    /// any takes the graph path.
    private static func showsTheSame(_ a: RenderedMarkdown, _ b: RenderedMarkdown) -> Bool {
        a.siteLinks.isEmpty && b.siteLinks.isEmpty && a.headingIDs == b.headingIDs && a.leadText == b.leadText && a.readingMinutes == b.readingMinutes
            && a.references.count == b.references.count
            && zip(a.references, b.references).allSatisfy {
                $0.kind == $1.kind && $0.slug == $1.slug && $0.fragment == $1.fragment
            }
    }

    // MARK: Templates and assets

    /// Loads the templates and assets again when a file under the templates folder changed.
    private func reloadTemplatesIfChanged(force: Bool) -> Bool {
        let folder = options.templatesDirectory
        var stamps: [String: Stamp] = [:]
        for (relative, _) in ProjectFiles.walk(folder) {
            let path = join(folder, relative)
            if let stamp = Stamp(path) { stamps[path] = stamp }
        }
        guard force || stamps != templateStamps || (templates == nil && templateProblems.isEmpty) else {
            return false
        }
        templateStamps = stamps
        let loaded = builder.loadTemplates()
        (templates, templateProblems) = (loaded.templates, loaded.problems)
        assets = [:]
        for relative in loaded.assets {
            if let bytes = try? Assets.read(relative, in: loaded.assetsFolder) { assets["assets/" + relative] = bytes }
        }
        return true
    }
}
