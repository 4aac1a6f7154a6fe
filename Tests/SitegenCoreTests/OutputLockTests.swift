import Foundation
import Synchronization
import Testing

@testable import SitegenCore

@Suite("Builds into the same output folder take turns")
struct OutputLockTests {
    /// Two different sites built at once into one folder: before the lock, one build could
    /// swap in a staging folder the other was still writing into (7 of 20 rounds).
    @Test(.tags(.slow), .enabled(if: SlowTests.enabled, "slow: run with SITEGEN_SLOW_TESTS=1")) func twoBuildsAtOnceLeaveOneWholeSite() throws {
        let temp = try TemporaryFolder()
        let contentA = Fixtures.path("Sites/basic/Content")
        let contentB = temp.path + "/ContentB"
        try FileManager.default.copyItem(atPath: contentA, toPath: contentB)
        let alpha = contentB + "/briefs/alpha.md"
        let text = try String(contentsOfFile: alpha, encoding: .utf8)
        try text.replacingOccurrences(of: "title: ", with: "title: B ").write(
            toFile: alpha, atomically: true, encoding: .utf8)

        @Sendable func options(_ content: String, _ output: String) -> BuildOptions {
            BuildOptions(
                contentDirectory: content, templatesDirectory: Fixtures.path("Sites/basic/Templates"),
                outputDirectory: output, jobs: 2)
        }
        #expect(SiteBuilder(options: options(contentA, temp.path + "/A")).run(write: true).succeeded)
        #expect(SiteBuilder(options: options(contentB, temp.path + "/B")).run(write: true).succeeded)
        let siteA = tree(temp.path + "/A")
        let siteB = tree(temp.path + "/B")
        #expect(siteA != siteB)

        let output = temp.path + "/Public"
        for _ in 0..<12 {
            let results = parallelMap(2, jobs: 2) { i in
                SiteBuilder(options: options(i == 0 ? contentA : contentB, output)).run(write: true).succeeded
            }
            #expect(results == [true, true])
            let built = tree(output)
            #expect(built == siteA || built == siteB)
        }
        let leftOver = try FileManager.default.contentsOfDirectory(atPath: temp.path).filter {
            $0.contains("sitegen-staging")
        }
        #expect(leftOver.isEmpty)
    }

    @Test func aSecondLockWaitsForTheFirst() throws {
        let temp = try TemporaryFolder()
        let output = temp.path + "/Public"
        let log = Mutex<[String]>([])
        var first: OutputLock? = try OutputLock(outputDirectory: output)
        let thread = Thread {
            let second = try? OutputLock(outputDirectory: output) { log.withLock { $0.append("waiting") } }
            log.withLock { $0.append(second == nil ? "failed" : "locked") }
        }
        thread.start()
        while log.withLock({ $0.isEmpty }) { usleep(1000) }
        log.withLock { $0.append("released") }
        first = nil
        while !thread.isFinished { usleep(1000) }
        #expect(first == nil)
        #expect(log.withLock { $0 } == ["waiting", "released", "locked"])
    }

    @Test func aFolderNamedLikeAStagingFolderIsKeptWithoutTheMarker() throws {
        let temp = try TemporaryFolder()
        try temp.write(".Public.sitegen-staging-mine/notes.txt", "precious")
        let report = SiteBuilder(
            options: BuildOptions(
                contentDirectory: Fixtures.path("Sites/basic/Content"),
                templatesDirectory: Fixtures.path("Sites/basic/Templates"), outputDirectory: temp.path + "/Public")
        ).run(write: true)
        #expect(report.succeeded)
        #expect(temp.read(".Public.sitegen-staging-mine/notes.txt") == "precious")
    }
}
