import Foundation

/// The search index of a built site: Pagefind run on the staged output before it is swapped
/// in (`search: true` in `site.md`), so a build whose index fails writes nothing.
///
/// Pagefind indexes the pages whose `<main>` has `data-pagefind-body` (the documents' pages),
/// leaves out what templates mark `data-pagefind-ignore` (lists of other pages), and reads the
/// filters the layout writes (`data-pagefind-filter`: kind, person, organization, topic).
struct SearchIndex {
    /// Where Pagefind was looked for and what was found.
    enum Lookup: Equatable {
        /// The Pagefind executable, an absolute path.
        case found(String)
        case notFound
        /// `SITEGEN_PAGEFIND` names something that is not an executable file.
        case badSetting(String)
    }

    /// Where Pagefind is, in this order: `SITEGEN_PAGEFIND` (an executable), `pagefind` or
    /// `pagefind_extended` in a folder of `PATH` (npm, cargo, a release binary), or the PyPI
    /// package `pagefind-bin`, whose executable Python names. Only absolute folders of `PATH`
    /// are searched (an empty entry or `.` would find a program in the project), and Python is
    /// asked in an empty folder of its own without the working folder on its import path, so a
    /// project's `pagefind_bin/` is never imported; the executable it names is run directly.
    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> Lookup {
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
            .filter { $0.hasPrefix("/") }.map(String.init)
        func onPath(_ name: String) -> String? {
            folders.lazy.map { $0 + "/" + name }.first(where: isExecutableFile)
        }
        if let setting = environment["SITEGEN_PAGEFIND"], !setting.isEmpty {
            // A bare name is looked for on PATH, as a shell would (not in the project folder).
            guard setting.contains("/") else { return onPath(setting).map { .found($0) } ?? .badSetting(setting) }
            let path = setting.hasPrefix("/") ? setting : FileManager.default.currentDirectoryPath + "/" + setting
            return isExecutableFile(path) ? .found(path) : .badSetting(setting)
        }
        if let pagefind = onPath("pagefind") ?? onPath("pagefind_extended") {
            return .found(pagefind)
        }
        if let python = onPath("python3") {
            var pythonEnvironment = environment
            pythonEnvironment["PYTHONSAFEPATH"] = "1"
            pythonEnvironment["PYTHONDONTWRITEBYTECODE"] = "1"
            let script = "import sys, pagefind_bin; sys.stdout.write(str(pagefind_bin.get_executable().absolute()))"
            if let (outcome, output) = try? SupervisedProcess.run(
                python, ["-c", script], environment: pythonEnvironment, timeout: .seconds(60)),
                outcome == .exited(0), output.hasPrefix("/"), isExecutableFile(output)
            {
                return .found(output)
            }
        }
        return .notFound
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0
    }

    /// What Pagefind is given: the staged site, the folder of its index inside it, the site's
    /// language, and nothing
    /// from its configuration files (it reads them from its working folder, an empty one) or
    /// `PAGEFIND_*` variables (removed from its environment), so neither can move the index or
    /// point a log file elsewhere.
    static func arguments(site folder: String, language: String) -> [String] {
        // The language is forced from site.md's (a checked tag): Pagefind names files after the
        // language it reads off the pages, and a template's `<html lang="../../x">` made it
        // write outside the site.
        ["--site", folder, "--output-subdir", "pagefind", "--force-language", language, "--silent"]
    }

    static func environment(_ environment: [String: String]) -> [String: String] {
        environment.filter { !$0.key.uppercased().hasPrefix("PAGEFIND_") }
    }

    /// Indexes the site in `folder` into `folder/pagefind/`. A warning when Pagefind is not
    /// installed (the site is built without its index; the search page then offers the lists to
    /// browse); an error when it fails or takes longer than `search-timeout`, which stops the
    /// build before anything is written.
    static func build(in folder: String, site: Site, environment: [String: String]) -> Diagnostic? {
        let executable: String
        switch find(environment: environment) {
        case .found(let path): executable = path
        case .notFound:
            return .warning(
                "search.unavailable",
                "'search: true', but Pagefind was not found: the site is built without its search index",
                at: site.searchPosition, line: site.searchLine,
                hint: "install it with 'pip install pagefind-bin' (or put 'pagefind' on PATH, or set SITEGEN_PAGEFIND)")
        case .badSetting(let setting):
            return .error(
                "search.unavailable", "SITEGEN_PAGEFIND is '\(setting)', which is not an executable file",
                at: site.searchPosition, line: site.searchLine,
                hint: "point SITEGEN_PAGEFIND at the pagefind executable, or unset it to look on PATH")
        }
        let timeout = site.searchTimeout
        do {
            let (outcome, output) = try SupervisedProcess.run(
                executable, arguments(site: folder, language: site.language), environment: Self.environment(environment),
                timeout: .seconds(timeout))
            let tail = output.split(separator: "\n").suffix(3).joined(separator: " / ")
            let hint = "the previous output is left as it was; 'search: false' builds without the index"
            switch outcome {
            case .exited(0):
                // The same pages give the same index, byte for byte (`StableSearchIndex`).
                do throws(StableSearchIndex.Problem) {
                    try StableSearchIndex.normalize(folder + "/pagefind")
                    return nil
                } catch {
                    return .warning(
                        "search.unstable", "the search index is left as Pagefind wrote it: \(error.message)",
                        at: site.searchPosition, line: site.searchLine,
                        hint: "search works; only two builds of the same pages may differ in pagefind/ (is this Pagefind 1.x?)")
                }
            case .exited(let status):
                return .error(
                    "search.failed", "Pagefind failed (exit status \(status)): \(tail)", at: site.searchPosition,
                    line: site.searchLine, hint: hint)
            case .signalled(let signal):
                return .error(
                    "search.failed", "Pagefind was stopped by signal \(signal)", at: site.searchPosition,
                    line: site.searchLine, hint: hint)
            case .timedOut:
                return .error(
                    "search.timeout", "Pagefind did not finish in \(timeout) s and was stopped",
                    at: site.searchPosition, line: site.searchLine,
                    hint: "raise 'search-timeout' in site.md if the site needs longer; \(hint)")
            }
        } catch {
            return .error(
                "search.failed", "could not start Pagefind at '\(executable)': \(error)",
                at: site.searchPosition, line: site.searchLine, hint: "check SITEGEN_PAGEFIND or the pagefind on PATH")
        }
    }
}
