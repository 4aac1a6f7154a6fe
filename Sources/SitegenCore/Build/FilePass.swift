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
        var body: (id: DocumentID, (rendered: RenderedMarkdown, handle: ScratchStore.Handle?))?
    }

    /// A body to render: the document it belongs to (its page gives the relative root).
    typealias BodySource = (id: DocumentID, body: MarkdownSource)

    /// Renders one body with the relative root of the page it appears on.
    func render(
        _ source: BodySource, with renderer: MarkdownRenderer, into scratch: ScratchStore?, ids: PageIDs
    ) -> (rendered: RenderedMarkdown, handle: ScratchStore.Handle?) {
        complete(begin(source, with: renderer, ids: ids), id: source.id, into: scratch)
    }

    /// Parses the blocks of one body; `complete` finishes it.
    func begin(
        _ source: BodySource, with renderer: MarkdownRenderer, ids: PageIDs
    ) -> MarkdownRenderer.PendingBody {
        renderer.begin(source.body, rootPrefix: ContentURL.rootPrefix(from: source.id.path), ids: ids)
    }

    /// Finishes a body. The HTML of bodies kept on disk (`ContentKind.Entry.keepsBodyOnDisk`:
    /// briefs, the bulk of the site) goes to the scratch file and is read back as each page is
    /// written (`PageBodies`), so it is not held in memory; without a scratch file, or when a
    /// write fails, it stays in memory.
    func complete(
        _ body: MarkdownRenderer.PendingBody, id: DocumentID, into scratch: ScratchStore?
    ) -> (rendered: RenderedMarkdown, handle: ScratchStore.Handle?) {
        guard id.kind.entry.keepsBodyOnDisk, let scratch else { return (body.complete(), nil) }
        var handle: ScratchStore.Handle?
        let rendered = body.complete { bytes in
            handle = scratch.store(bytes)
            return handle != nil
        }
        return (rendered, handle)
    }

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
            var waiting: [(index: Int, started: FileResult, id: DocumentID, body: MarkdownRenderer.PendingBody)] = []
            var exhausted = false
            while true {
                if let first = waiting.first,
                    first.body.finishInlines(wait: exhausted || waiting.count >= backlog)
                {
                    waiting.removeFirst()
                    var result = first.started
                    result.body = (first.id, complete(first.body, id: first.id, into: scratch))
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
                // Source documents' texts are not Markdown: cmark-gfm never sees them.
                let source = document.body.flatMap { $0.id.kind.entry.bodyIsMarkdown ? $0 : nil }
                let overLimits = source.map { limits.problems(in: $0.body) } ?? []
                if !overLimits.isEmpty {
                    // cmark-gfm never sees a body over the limits.
                    started = FileResult(file: file, document: document, problems: started.problems + overLimits, body: nil)
                    done.append((i, started))
                } else if parser.isPublished(document), let source {
                    waiting.append((i, started, source.id, begin(source, with: renderer, ids: ids)))
                } else {
                    done.append((i, started))
                }
            }
            collected.withLock { $0.append(contentsOf: done) }
        }
        return collected.withLock { all in all.sorted { $0.0 < $1.0 }.map(\.1) }
    }
}
