import Dispatch
import Synchronization

/// The first pass: each content file is read, parsed and its Markdown rendered in one go, on
/// every core, since a file needs nothing from the others until the graph stage.
extension SiteBuilder {
    /// What the first pass makes of one content file.
    struct FileResult: Sendable {
        let file: ContentFile?
        let document: ContentParser.ParsedDocument
        let problems: [Diagnostic]
        var body: (key: String, (rendered: RenderedMarkdown, handle: ScratchStore.Handle?))?
    }

    /// A document's body, the key it is stored under and the relative root of its page.
    static func bodySource(of document: ContentParser.ParsedDocument) -> (
        key: String, root: String, body: MarkdownSource
    )? {
        func source(_ kind: ContentKind, _ slug: String, _ body: MarkdownSource) -> (String, String, MarkdownSource) {
            (ContentSet.key(kind, slug), ContentURL.rootPrefix(from: ContentURL.path(kind, slug)), body)
        }
        switch document {
        case .brief(let b): return source(.brief, b.slug, b.body)
        case .person(let p): return source(.person, p.slug, p.body)
        case .organization(let o): return source(.organization, o.slug, o.body)
        case .event(let e): return source(.event, e.slug, e.body)
        case .topic(let t): return source(.topic, t.slug, t.body)
        case .page(let p): return source(.page, p.slug, p.body)
        case .unpublished(let u):
            return (
                GraphBuilder.unpublishedKey(u.kind, u.slug),
                ContentURL.rootPrefix(from: ContentURL.path(u.kind, u.slug)),
                u.body
            )
        case .none: return nil
        }
    }

    /// Renders one body with the relative root of the page it appears on.
    func render(
        _ source: (key: String, root: String, body: MarkdownSource), with renderer: MarkdownRenderer,
        into scratch: ScratchStore?, ids: PageIDs
    ) -> (rendered: RenderedMarkdown, handle: ScratchStore.Handle?) {
        complete(begin(source, with: renderer, into: scratch, ids: ids), key: source.key, into: scratch)
    }

    /// Parses the blocks of one body; brief bodies with a scratch file are rendered in full,
    /// without one only indexed (their HTML is made again as their page is written).
    func begin(
        _ source: (key: String, root: String, body: MarkdownSource), with renderer: MarkdownRenderer,
        into scratch: ScratchStore?, ids: PageIDs
    ) -> MarkdownRenderer.PendingBody {
        renderer.begin(
            source.body, rootPrefix: source.root, ids: ids,
            output: Self.isBrief(source.key) && scratch == nil ? .index : .full)
    }

    /// Finishes a body. Brief bodies are the bulk of the site: their HTML goes to the scratch
    /// file and is read back as each page is written, so it is neither held in memory nor
    /// parsed twice.
    func complete(
        _ body: MarkdownRenderer.PendingBody, key: String, into scratch: ScratchStore?
    ) -> (rendered: RenderedMarkdown, handle: ScratchStore.Handle?) {
        guard Self.isBrief(key), let scratch else { return (body.complete(), nil) }
        var handle: ScratchStore.Handle?
        let rendered = body.complete { bytes in
            handle = scratch.store(bytes)
            return handle != nil
        }
        return (rendered, handle)
    }

    static func isBrief(_ key: String) -> Bool { key.hasPrefix("briefs/") }

    /// Reads, parses and renders every file, results in file order.
    ///
    /// cmark-gfm's inline pass runs under a process-wide lock (see `MarkdownRenderer`). A
    /// thread that finds it taken does not wait: it parses the next file's front matter and
    /// blocks, keeping up to `backlog` bodies waiting for their inline pass.
    func readParseAndRender(
        _ found: [ContentLoader.FoundFile], parser: ContentParser, scratch: ScratchStore?, ids: PageIDs,
        limits: ContentLimits, backlog: Int = 4
    ) -> [FileResult] {
        guard !found.isEmpty else { return [] }
        let next = Atomic<Int>(0)
        let collected = Mutex<[(Int, FileResult)]>([])
        DispatchQueue.concurrentPerform(iterations: max(1, min(options.jobs, found.count))) { _ in
            let renderer = MarkdownRenderer()
            var done: [(Int, FileResult)] = []
            var waiting: [(index: Int, started: FileResult, key: String, body: MarkdownRenderer.PendingBody)] = []
            var exhausted = false
            while true {
                if let first = waiting.first,
                    first.body.finishInlines(wait: exhausted || waiting.count >= backlog)
                {
                    waiting.removeFirst()
                    var result = first.started
                    result.body = (first.key, complete(first.body, key: first.key, into: scratch))
                    done.append((first.index, result))
                    continue
                }
                if exhausted {
                    if waiting.isEmpty { break }
                    continue
                }
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < found.count else {
                    exhausted = true
                    continue
                }
                let (file, readProblems) = ContentLoader.read(found[i])
                guard let file else {
                    done.append((i, FileResult(file: nil, document: .none, problems: readProblems, body: nil)))
                    continue
                }
                let (document, problems) = ContentParser.parse(file)
                var started = FileResult(file: file, document: document, problems: readProblems + problems, body: nil)
                let source = Self.bodySource(of: document)
                let overLimits = source.map { limits.problems(in: $0.body) } ?? []
                if !overLimits.isEmpty {
                    // cmark-gfm never sees a body over the limits.
                    started = FileResult(file: file, document: document, problems: started.problems + overLimits, body: nil)
                    done.append((i, started))
                } else if parser.isPublished(document), let source {
                    waiting.append((i, started, source.key, begin(source, with: renderer, into: scratch, ids: ids)))
                } else {
                    done.append((i, started))
                }
            }
            collected.withLock { $0.append(contentsOf: done) }
        }
        return collected.withLock { all in all.sorted { $0.0 < $1.0 }.map(\.1) }
    }
}
