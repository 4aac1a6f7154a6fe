import Foundation

/// What a build reads and where it writes; the CLI fills it from its flags.
public struct BuildOptions: Sendable {
    /// One thread per core.
    public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

    public var contentDirectory: String
    public var templatesDirectory: String
    public var outputDirectory: String
    public var includeDrafts: Bool
    /// Overrides `base-url` from `site.md`, e.g. for a preview host.
    public var baseURL: String?
    /// Warnings are errors (`--strict`): a build with any writes nothing.
    public var strict = false
    /// How many threads read, parse and render; the output is the same for any number.
    public var jobs: Int
    /// For a process that exits right after the build, as the command line does: the build's
    /// data is left for the exit to reclaim at once instead of being freed object by object
    /// (0.15 s at 10,000 briefs), as compilers do (clang's `-disable-free`).
    public var leavesDataForExit = false
    /// The environment Pagefind is looked for in (`SearchIndex.find`).
    public var environment = ProcessInfo.processInfo.environment
    /// How many pages a sitemap file lists before the sitemap is split; tests set a small one.
    var sitemapLimit = Feeds.sitemapLimit
    /// How many rendered cards a build keeps at most (`FragmentCache`); tests set a small one.
    var fragmentLimit = FragmentCache.buildLimit
    /// Called once when another build holds the output's lock, before waiting for it.
    public var waitingForLock: @Sendable () -> Void = {}

    public init(
        contentDirectory: String = "Content", templatesDirectory: String = "Templates",
        outputDirectory: String = "Public", includeDrafts: Bool = false, baseURL: String? = nil,
        jobs: Int = BuildOptions.defaultJobs
    ) {
        self.jobs = max(1, jobs)
        self.contentDirectory = contentDirectory
        self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
    }
}

/// What a build did: its diagnostics and, when it wrote, how many pages and files.
public struct BuildReport: Sendable {
    public var diagnostics: Diagnostics
    public var pageCount = 0
    public var fileCount = 0
    /// What the content checks proved: quotations, speakers, figures.
    public var proof = ProofCounts()
    /// Whether `Public/` was replaced by this build.
    public var didWrite = false
    /// How long each stage took, in order, for `--timings`; never written into the site.
    public var stageTimes: [(stage: String, duration: Duration)] = []

    public var succeeded: Bool { !diagnostics.hasErrors }
}
