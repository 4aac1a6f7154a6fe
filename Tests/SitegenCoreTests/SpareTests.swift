import Foundation
import Testing

@testable import SitegenCore

@Suite("Rebuilds stage into the previous site, the spare")
struct SpareTests {
    static func inode(_ path: String) -> (ino: UInt, mtime: Int) {
        var info = stat()
        stat(path, &info)
        return (UInt(info.st_ino), info.st_mtim.tv_sec * 1_000_000_000 + info.st_mtim.tv_nsec)
    }

    @Test func aRebuildIntoTheSpareWritesWhatAFreshBuildWrites() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let output = site.temp.path + "/Public"
        let spare = site.temp.path + "/.Public.sitegen-spare"
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        #expect(!FileManager.default.fileExists(atPath: spare), "nothing to keep after a first build")
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        #expect(FileManager.default.fileExists(atPath: spare + "/" + OutputWriter.markerName))

        // The spare holds the first build. Put things in it the next site must not have.
        try site.temp.write(".Public.sitegen-spare/stray.html", "stray")
        try site.temp.write(".Public.sitegen-spare/people/gone/index.html", "gone")
        try site.temp.write("outside.txt", "keep me")
        symlink(site.temp.path + "/outside.txt", spare + "/briefs/link.html")
        let unchanged = Self.inode(spare + "/about/index.html")
        let changing = Self.inode(spare + "/briefs/beta/index.html")

        // Edit one brief, delete another, then rebuild.
        try site.setValue(site.content + "/briefs/beta.md", "title", "Beta, retitled")
        try FileManager.default.removeItem(atPath: site.content + "/briefs/gamma.md")
        let report = SiteBuilder(options: site.options()).run(write: true)
        #expect(report.succeeded)

        let fresh = site.temp.path + "/Fresh"
        var options = site.options()
        options.outputDirectory = fresh
        #expect(SiteBuilder(options: options).run(write: true).succeeded)
        #expect(tree(output) == tree(fresh))
        #expect(tree(output)["briefs/gamma/index.html"] == nil)
        #expect(site.temp.read("outside.txt") == "keep me", "a link in the spare is removed, not followed")
        // A page whose bytes did not change is the same file; a changed one is rewritten in place.
        let kept = Self.inode(output + "/about/index.html")
        #expect(kept.ino == unchanged.ino && kept.mtime == unchanged.mtime)
        #expect(Self.inode(output + "/briefs/beta/index.html").ino == changing.ino)
        #expect(site.temp.read("Public/briefs/beta/index.html")?.contains("Beta, retitled") == true)
    }

    /// The folders of the site, and those of them no file is in.
    static func folders(_ root: String) -> (all: Set<String>, empty: [String]) {
        let fm = FileManager.default
        var all: Set<String> = []
        var empty: [String] = []
        for relative in fm.subpaths(atPath: root) ?? [] {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            all.insert(relative)
            if (try? fm.contentsOfDirectory(atPath: root + "/" + relative))?.isEmpty == true { empty.append(relative) }
        }
        return (all, empty)
    }

    @Test func earlyFoldersAreMadeParentsFirstAndTheUnneededRemoved() throws {
        let temp = try TemporaryFolder()
        let staging = StagingFolder(path: temp.path)
        let made = EarlyFolders(in: staging, for: ["a/b/index.html", "a/c/index.html", "d/index.html"]).wait()
        #expect(made == ["a", "a/b", "a/c", "d"])
        staging.removeUnneeded(made, needed: ["a", "a/b"])
        #expect(Self.folders(temp.path).all == ["a", "a/b"])
        // A folder that is there already stops the thread: the emit stage makes the rest.
        let again = EarlyFolders(in: staging, for: ["a/b/index.html", "e/index.html"]).wait()
        #expect(again == [])
    }

    @Test func aFileWhoseFolderIsMissingHasItMadeEvenByManyThreadsAtOnce() throws {
        let temp = try TemporaryFolder()
        let staging = StagingFolder(path: temp.path)
        // Pages of five lists, written on every core in job order, as the emit stage does.
        let paths = (0..<200).map { "people/p\($0 % 5)/briefs/page/\($0)/index.html" }
        let failures = parallelMap(paths.count, jobs: 4) { i in
            (try? staging.write(OutputFile(path: paths[i], contents: "page \(i)"))) == nil
        }
        #expect(failures.filter { $0 }.isEmpty)
        let written = tree(temp.path)
        #expect(written.count == 200)
        for (i, path) in paths.enumerated() { #expect(written[path] == "page \(i)") }

        // A file where a folder must be, or a link to nowhere: the write fails, saying why.
        try temp.write("blocked", "a file")
        let blocked = #expect(throws: WriteError.self) {
            try staging.write(OutputFile(path: "blocked/x/index.html", contents: "x"))
        }
        #expect(blocked?.message == "Not a directory")
        symlink(temp.path + "/nowhere", temp.path + "/dangling")
        let error = #expect(throws: WriteError.self) {
            try staging.write(OutputFile(path: "dangling/x/index.html", contents: "x"))
        }
        #expect(error?.message == "could not create the folder \(temp.path)/dangling/x: No such file or directory")
    }

    @Test func aFailedBuildKeepsItsEarlyFoldersOutOfTheSiteAndAFirstBuildHasNoEmptyFolder() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let output = site.temp.path + "/Public"
        let spare = site.temp.path + "/.Public.sitegen-spare"
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        let first = Self.folders(output)
        #expect(first.empty.isEmpty)
        #expect(first.all.contains("briefs/alpha"))
        #expect(!first.all.contains("briefs/delta"), "a draft's folder, made early from its file name, is removed")

        // A graph error: the build stops after the document folders were begun.
        try site.write(site.content + "/briefs/broken.md", "---\ntitle: B\nsummary: B.\ndate: 2025-08-01\nkind: news\n---\nSee [nobody](@people/nobody).\n")
        let failed = SiteBuilder(options: site.options()).run(write: true)
        #expect(!failed.succeeded)
        #expect(tree(output)["briefs/broken/index.html"] == nil)
        #expect(Self.folders(output).all == first.all, "the site is as it was")
        #expect(FileManager.default.fileExists(atPath: spare + "/" + OutputWriter.markerName), "kept as the spare")

        // The next good build stages into that spare and has only the folders it needs.
        try FileManager.default.removeItem(atPath: site.content + "/briefs/broken.md")
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        #expect(Self.folders(output).all == first.all)
        #expect(Self.folders(output).empty.isEmpty)
    }

    @Test func aFolderWithoutTheMarkerIsNeverUsedAsTheSpare() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try site.temp.write(".Public.sitegen-spare/notes.txt", "precious")
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        #expect(site.temp.read(".Public.sitegen-spare/notes.txt") == "precious")
        #expect(tree(site.temp.path + "/Public")["notes.txt"] == nil)
    }
}
