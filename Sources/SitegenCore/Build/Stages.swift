/// The stages every build runs, written once: `sitegen build` (to disk) and `sitegen check`
/// (to nothing) run them in order (`SiteBuilder.run`); `serve` (to memory) runs them on what
/// changed since the last build (`BuildSession.rebuild`). Discovery is `ContentLoader.discover`
/// and the bodies are `readParseAndRender` and `assemble` (FilePass, SiteBuilder); the
/// templates and their key check, the graph beside the content checks, and the render loop
/// are here.
extension SiteBuilder {
    /// The templates, each compiled against the model it renders (a tag naming no value is an
    /// error at its line and column), and the assets published beside them.
    struct LoadedTemplates {
        let templates: TemplateSet?
        /// The assets' paths below `assetsFolder`.
        let assets: [String]
        let assetsFolder: String
        let problems: [Diagnostic]
    }

    func loadTemplates() -> LoadedTemplates {
        let (templates, templateProblems) = TemplateLoader(directory: options.templatesDirectory).load()
        let folder = join(options.templatesDirectory, "assets")
        let assets = Assets.files(in: folder)
        return LoadedTemplates(
            templates: templates, assets: assets.files, assetsFolder: folder, problems: templateProblems + assets.problems)
    }

    /// The graph and what the content checks found, with the quotes they proved put in the graph.
    struct Resolved {
        let graph: SiteGraph?
        /// The graph's problems (references, orders, the timeline); the checks' are `checks.diagnostics`.
        let graphDiagnostics: [Diagnostic]
        let checks: ContentChecks.Result
        /// What the next graph may be made from, with `keepingMemo` (`serve` keeps it; a build
        /// lets it go at once: it holds the related briefs' index).
        let memo: GraphBuilder.Memo?

        var diagnostics: [Diagnostic] { graphDiagnostics + checks.diagnostics }
    }

    /// Resolves references and builds the graph while the content checks run on a thread of
    /// their own (they need no graph). `serve` passes the last build's memo and the documents
    /// changed since (`after`), and the checks it could update from the last build's
    /// (`checked`); either way the result is a full build's. `graphBuilt` is called between the
    /// two (for `--timings`: what is left of the checks after the graph).
    func resolve(
        _ content: ContentSet, bodies: [DocumentID: RenderedMarkdown],
        after previous: (memo: GraphBuilder.Memo, changed: Set<DocumentID>)? = nil, checked: ContentChecks.Result? = nil,
        keepingMemo: Bool = false, graphBuilt: () -> Void = {}
    ) -> Resolved {
        let pending = checked == nil ? ContentChecks.start(content, bodies: bodies, jobs: options.jobs) : nil
        var (graph, graphDiagnostics, memo) = GraphBuilder(jobs: options.jobs).build(content, bodies: bodies, after: previous)
        graphBuilt()
        let checks = checked ?? pending!.value
        graph?.provenQuotes = checks.provenQuotes
        return Resolved(graph: graph, graphDiagnostics: graphDiagnostics, checks: checks, memo: keepingMemo ? memo : nil)
    }

    /// Renders each job on every core, one `PageRenderer` a thread, and hands each file to
    /// `each` on the thread that rendered it (a build writes it there, `serve` hashes it and
    /// keeps what the page read: `recordingReads`). Results in the jobs' order.
    func renderPages<T: Sendable>(
        _ jobs: [PageRenderer.Job], graph: SiteGraph, templates: TemplateSet, fragments: FragmentCache,
        stored: StoredBodies?, recordingReads: Bool, _ each: @Sendable (PageRenderer, OutputFile) -> T
    ) -> [T] {
        parallelMap(
            jobs.count, jobs: options.jobs,
            makeWorker: {
                PageRenderer(
                    graph: graph, templates: templates, fragments: fragments, stored: stored, recordingReads: recordingReads)
            }
        ) { renderer, i in
            each(renderer, renderer.render(jobs[i]))
        }
    }
}
