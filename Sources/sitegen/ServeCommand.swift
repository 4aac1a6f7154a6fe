import ArgumentParser
import Foundation
import SitegenCore
import SitegenServe

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site in memory, serve it and rebuild it on every save.",
        discussion: """
            Pages reload in the browser after each rebuild; while the content has errors, every page \
            shows them. Public/ is never touched. Stop with Ctrl-C.
            """,
        aliases: ["server"])

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "port"))
    var port: UInt16 = 1313

    @Option(name: .long, help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var bind = "127.0.0.1"

    @Option(
        name: .long,
        help: ArgumentHelp("Another host name browsers may use to reach the server (repeatable).", valueName: "name"))
    var host: [String] = []

    func validate() throws {
        let address = bind == "localhost" ? "127.0.0.1" : bind
        if let problem = PreviewServer.problem(listeningOn: address, port: port) {
            throw ValidationError(problem + (port == 0 ? "" : "; stop it, or pass another --port (0 picks a free one)"))
        }
    }

    func run() async throws {
        let options = site.options(output: "")
        if !["127.0.0.1", "::1", "localhost"].contains(bind) {
            FileHandle.standardError.write(
                Data(
                    "warning: serving on \(bind): anyone who can reach this machine can read the preview, drafts included\n"
                        .utf8))
        }
        var configuration = PreviewServer.Configuration(
            options: options, bind: bind == "localhost" ? "127.0.0.1" : bind, port: port, hosts: host)
        configuration.errorLimit = site.errorLimit
        let server = try PreviewServer(configuration: configuration)
        let (timings, limit) = (site.timings, site.errorLimit)
        let port = try await server.start { rebuild in
            printRebuild(rebuild, timings: timings, limit: limit)
        }
        let shown = bind.contains(":") ? "[\(bind)]" : bind
        print("Serving http://\(shown):\(port)/ (Ctrl-C to stop)")
        if bind == "0.0.0.0" || bind == "::" {
            print("Others reach it at http://THIS-MACHINE'S-NAME:\(port)/ once started with --host THIS-MACHINE'S-NAME.")
        }
        fflush(nil)
        do {
            try await server.waitUntilStopped()
            FileHandle.standardError.write(Data("error: the preview server stopped listening\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("error: the preview server stopped: \(error)\n".utf8))
        }
        throw ExitCode(1)
    }
}

/// One rebuild as the terminal shows it: its diagnostics, then a line of summary.
func printRebuild(_ rebuild: PreviewServer.Rebuild, timings: Bool, limit: Int) {
    let report = rebuild.report
    if timings {
        let width = report.stageTimes.map(\.stage.count).max() ?? 0
        for (stage, duration) in report.stageTimes {
            print("  \(stage.padding(toLength: width, withPad: " ", startingAt: 0)) \(String(format: "%7.1f", duration.seconds * 1000)) ms")
        }
    }
    let diagnostics = report.diagnostics.sorted
    if !diagnostics.isEmpty {
        FileHandle.standardError.write(Data(DiagnosticDigest(diagnostics, limit: limit).text.utf8))
    }
    let errors = report.diagnostics.errors.count
    let warnings = report.diagnostics.warnings.count
    let ms = Int((rebuild.seconds * 1000).rounded())
    let line: String
    if errors > 0 {
        line =
            "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") in \(ms) ms; "
            + "the browser shows them until they are fixed."
    } else if rebuild.isFirst {
        line = "Built \(report.totalFiles) files in \(ms) ms" + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "") + "."
    } else if report.mode == .unchanged {
        line = "No change (\(ms) ms)."
    } else {
        line =
            "Rebuilt in \(ms) ms (\(report.mode.rawValue)): \(report.renderedFiles) of \(report.totalFiles) files rendered, "
            + "\(report.changedPaths.count) changed"
            + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "") + "."
    }
    print(line)
    fflush(nil)
}
