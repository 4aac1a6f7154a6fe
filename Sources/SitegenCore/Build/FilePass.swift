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
    /// all but the home page's introduction) goes to the scratch file and is read back as each page is
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
    /// With `releasingTexts` (a build, which renders each body once), a file keeps only its
    /// front matter's text once its body is rendered (`SourceFile.releaseText(fromLine:)`).
    /// `serve` keeps the texts, to tell a body edit from a front matter edit.
    ///
    /// The inline pass of a body with a `~` runs under a process-wide lock (see
    /// `MarkdownRenderer`). A thread that finds it taken does not wait: it parses the next
    /// file's front matter and blocks, keeping up to `backlog` bodies waiting for their inline pass.
    func readParseAndRender(
        _ found: [ContentLoader.FoundFile], parser: ContentParser, scratch: ScratchStore?, ids: PageIDs,
        limits: ContentLimits, collectsFigures: Bool = true, releasingTexts: Bool = false, backlog: Int = 4
    ) -> [FileResult] {
        typealias Pending = (started: FileResult, id: DocumentID, body: MarkdownRenderer.PendingBody)
        return parallelMap(
            found.count, jobs: options.jobs, backlog: backlog, makeWorker: { MarkdownRenderer(collectsFigures: collectsFigures) },
            start: { renderer, i -> Step<Pending, FileResult> in
                let (file, readProblems) = ContentLoader.read(found[i])
                guard let file else { return .done(FileResult(file: nil, document: .none, problems: readProblems, body: nil)) }
                let (document, problems) = ContentParser.parse(file)
                let started = FileResult(file: file, document: document, problems: readProblems + problems, body: nil)
                // Source documents' texts are not Markdown: cmark-gfm never sees them.
                guard parser.isPublished(document), let source = document.body, source.id.kind.entry.bodyIsMarkdown else {
                    return .done(started)
                }
                // Nor does it see a body over the limits.
                let overLimits = limits.problems(in: source.body)
                guard overLimits.isEmpty else {
                    return .done(FileResult(file: file, document: document, problems: started.problems + overLimits, body: nil))
                }
                return .pending((started, source.id, begin(source, with: renderer, ids: ids)))
            },
            finish: { _, pending, mustWait in
                guard pending.body.finishInlines(wait: mustWait) else { return nil }
                var result = pending.started
                result.body = (pending.id, complete(pending.body, id: pending.id, into: scratch))
                if releasingTexts, let file = result.file, let body = result.document.body {
                    file.source.releaseText(fromLine: body.body.startLine)
                }
                return result
            })
    }
}
