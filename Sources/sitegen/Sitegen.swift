import ArgumentParser
import Foundation
import SitegenCore

@main
struct Sitegen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Builds the explainer site from Content/ and Templates/ into Public/.",
        discussion: """
            Run it in the project folder. With no subcommand it builds the site. Problems are printed \
            as path:line:column: error: message, all of them in one run; a build with any error \
            writes nothing and leaves the previous output as it was.
            """,
        version: sitegenVersion,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, InitCommand.self, VersionCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    /// ArgumentParser's entry, with `-v` as `--version`.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["-v"] {
            print(sitegenVersion)
            return
        }
        do {
            var command = try parseAsRoot(arguments)
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// What every command that builds reads: the folders, drafts, threads, timings.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The content folder.", valueName: "dir"))
    var content = "Content"

    @Option(name: .long, help: ArgumentHelp("The templates folder (with assets/ inside).", valueName: "dir"))
    var templates = "Templates"

    @Flag(name: .long, help: "Include briefs marked 'draft: true'.")
    var drafts = false

    @Option(name: .long, help: ArgumentHelp("Threads to use (default: one per core).", valueName: "n"))
    var jobs: Int?

    @Flag(name: .long, help: "Print how long each stage took.")
    var timings = false

    @Flag(name: .long, help: "Treat warnings as errors: a build with any writes nothing, and exits 1.")
    var strict = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Diagnostics printed in full (errors first); the rest are counted by kind and by file. 0 prints every one.",
            valueName: "n"))
    var errorLimit = DiagnosticDigest.defaultLimit

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        if errorLimit < 0 { throw ValidationError("--error-limit must be 0 (no limit) or more") }
    }

    func options(output: String) -> BuildOptions {
        var options = BuildOptions(
            contentDirectory: content, templatesDirectory: templates, outputDirectory: output, includeDrafts: drafts,
            jobs: jobs ?? BuildOptions.defaultJobs)
        options.strict = strict
        return options
    }
}

/// `build` and `check`: the site's options and a base URL.
struct InputOptions: ParsableArguments {
    @OptionGroup var site: SiteOptions

    var timings: Bool { site.timings }

    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp("The absolute URL the site is hosted at; overrides base-url in site.md.", valueName: "url"))
    var baseURL: String?

    func validate() throws {
        if let baseURL, let problem = WebAddress.problem(with: baseURL, isBase: true) {
            throw ValidationError("--base-url '\(baseURL)' is not usable: \(problem); e.g. https://example.org/mexico/")
        }
    }

    func options(output: String) -> BuildOptions {
        var options = site.options(output: output)
        options.baseURL = baseURL
        // The process exits right after the build: leave its data for the exit to reclaim.
        options.leavesDataForExit = true
        options.waitingForLock = {
            FileHandle.standardError.write(
                Data("sitegen: another build is writing '\(output)'; waiting for it to finish…\n".utf8))
        }
        return options
    }
}

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Build the site into the output folder (the default).")

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp("Where the site is written; replaced whole on success.", valueName: "dir"))
    var output = "Public"

    func validate() throws {
        if output.isEmpty { throw ValidationError("--output needs a folder name, e.g. --output Public") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let report = SiteBuilder(options: input.options(output: output)).run(write: true)
        let seconds = (clock.now - start).seconds
        if input.timings { printTimings(report) }
        try finish(report, limit: input.site.errorLimit) {
            let rate = seconds > 0 ? Double(report.pageCount) / seconds : 0
            return
                "Built \(report.pageCount) pages (\(report.fileCount) files) in \(String(format: "%.2f", seconds)) s, "
                + "\(Int(rate.rounded())) pages/s → \(output.hasSuffix("/") ? output : output + "/")"
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Check content and templates as a build would, writing nothing.")

    @OptionGroup var input: InputOptions

    func run() throws {
        let report = SiteBuilder(options: input.options(output: "Public")).run(write: false)
        if input.timings { printTimings(report) }
        try finish(report, limit: input.site.errorLimit) {
            "Checked \(report.pageCount) pages: no errors. " + report.proof.summary
        }
    }
}

/// `sitegen version` (and `--version`, `-v`): the version, one line.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")

    func run() { print(sitegenVersion) }
}

/// One line per stage: `  render and write    5.433 s`.
func printTimings(_ report: BuildReport) {
    let width = report.stageTimes.map(\.stage.count).max() ?? 0
    for (stage, duration) in report.stageTimes {
        let name = stage.padding(toLength: width, withPad: " ", startingAt: 0)
        print("  \(name) \(String(format: "%6.3f", duration.seconds)) s")
    }
}

/// Prints diagnostics to standard error (the first `limit` in full, the rest counted) and a
/// one-line summary; exits 1 on any error.
func finish(_ report: BuildReport, limit: Int, success: () -> String) throws {
    let diagnostics = report.diagnostics.sorted
    if !diagnostics.isEmpty {
        FileHandle.standardError.write(Data(DiagnosticDigest(diagnostics, limit: limit).text.utf8))
    }
    let errors = report.diagnostics.errors.count
    let warnings = report.diagnostics.warnings.count
    if errors > 0 {
        let summary =
            "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"); nothing was written.\n"
        FileHandle.standardError.write(Data(summary.utf8))
        throw ExitCode(1)
    }
    print(success() + (warnings > 0 ? " (\(warnings) warning\(warnings == 1 ? "" : "s"))" : ""))
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
