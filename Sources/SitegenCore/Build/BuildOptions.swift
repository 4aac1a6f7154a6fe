/// What a build reads and where it writes; the CLI fills it from its flags.
public struct BuildOptions: Sendable {
    public var contentDirectory: String
    public var templatesDirectory: String
    public var outputDirectory: String
    public var includeDrafts: Bool
    /// Overrides `base-url` from `site.md`, e.g. for a preview host.
    public var baseURL: String?

    public init(
        contentDirectory: String = "Content", templatesDirectory: String = "Templates",
        outputDirectory: String = "Public", includeDrafts: Bool = false, baseURL: String? = nil
    ) {
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
    /// Whether `Public/` was replaced by this build.
    public var didWrite = false

    public var succeeded: Bool { !diagnostics.hasErrors }
}
