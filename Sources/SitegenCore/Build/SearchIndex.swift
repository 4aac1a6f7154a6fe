import Foundation

/// The search index of a built site: Pagefind run on the staged output before it is swapped
/// in (`search: true` in `site.md`), so a build whose index fails writes nothing.
///
/// Pagefind indexes the pages whose `<main>` has `data-pagefind-body` (the documents' pages),
/// leaves out what templates mark `data-pagefind-ignore` (lists of other pages), and reads the
/// filters the layout writes (`data-pagefind-filter`: kind, person, organization, topic).
struct SearchIndex {
    /// How to start Pagefind: an executable and the arguments before the site's own.
    struct Command: Equatable {
        let executable: String
        let arguments: [String]
    }

    /// Where Pagefind is, in this order: `SITEGEN_PAGEFIND` (an executable), `pagefind` or
    /// `pagefind_extended` on `PATH` (npm, cargo, a release binary), or the PyPI package
    /// `pagefind-bin` through `python3 -m pagefind_bin`. Nil when none is there.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> Command? {
        if let path = environment["SITEGEN_PAGEFIND"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? Command(executable: path, arguments: []) : nil
        }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        func onPath(_ name: String) -> String? {
            folders.lazy.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        if let pagefind = onPath("pagefind") ?? onPath("pagefind_extended") {
            return Command(executable: pagefind, arguments: [])
        }
        if let python = onPath("python3") {
            let module = Command(executable: python, arguments: ["-m", "pagefind_bin"])
            if (try? run(module, ["--version"]))?.status == 0 { return module }
        }
        return nil
    }

    /// Runs `command` with `arguments`; its exit status and what it printed.
    static func run(_ command: Command, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// Indexes the site in `folder` into `folder/pagefind/`. A warning when Pagefind is not
    /// installed (the site is built without its index; the search page then offers the lists to
    /// browse); an error when it fails, which stops the build before anything is written.
    static func build(in folder: String, site: Site, command: Command?) -> Diagnostic? {
        guard let command else {
            return .warning(
                "search.unavailable",
                "'search: true', but Pagefind was not found: the site is built without its search index",
                at: site.searchPosition, line: site.searchLine,
                hint: "install it with 'pip install pagefind-bin' (or put 'pagefind' on PATH, or set SITEGEN_PAGEFIND)")
        }
        let arguments = ["--site", folder, "--silent"]
        do {
            let (status, output) = try run(command, arguments)
            guard status != 0 else { return nil }
            let tail = output.split(separator: "\n").suffix(3).joined(separator: " / ")
            return .error(
                "search.failed", "Pagefind failed (exit status \(status)): \(tail)", at: site.searchPosition,
                line: site.searchLine, hint: "the previous output is left as it was; 'search: false' builds without the index")
        } catch {
            return .error(
                "search.failed", "could not start Pagefind at '\(command.executable)': \(error.localizedDescription)",
                at: site.searchPosition, line: site.searchLine, hint: "check SITEGEN_PAGEFIND or the pagefind on PATH")
        }
    }
}
