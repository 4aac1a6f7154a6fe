import Foundation
import Testing

@testable import SitegenCore

/// The official Mustache spec (github.com/mustache/spec) run against sitegen's parser and its
/// semantics: the required modules and inheritance; not lambdas, dynamic names or indexing,
/// which sitegen does not support. The spec's files are fetched by `Tests/mustache-spec/fetch`
/// into `.build/mustache-spec/` (CI does; `MUSTACHE_SPEC_DIR` points elsewhere).
/// Where the spec's files are, if they were fetched.
enum MustacheSpecFiles {
    static let folder: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let path = ProcessInfo.processInfo.environment["MUSTACHE_SPEC_DIR"] ?? root + "/.build/mustache-spec"
        return FileManager.default.fileExists(atPath: path + "/interpolation.json") ? path : nil
    }()
}

@Suite("The Mustache spec", .enabled(if: MustacheSpecFiles.folder != nil, "run Tests/mustache-spec/fetch first"))
struct MustacheSpecTests {
    struct Spec: Decodable {
        struct Case: Decodable {
            let name: String
            let data: MustacheValue
            let template: String
            let expected: String
            let partials: [String: String]?
        }
        let tests: [Case]
    }

    static let modules = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]

    @Test(arguments: modules)
    func module(_ name: String) throws {
        let folder = try #require(MustacheSpecFiles.folder)
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/\(name).json"))
        let spec = try JSONDecoder().decode(Spec.self, from: data)
        var failed: [String] = []
        // Reindenting a block by its default content's indentation: swift-mustache, whose output
        // sitegen's templates must keep byte for byte, does not either (its spec tests skip them).
        let notSupported: Set<String> = ["Intrinsic indentation", "Nested block reindentation"]
        for test in spec.tests where !notSupported.contains(test.name) {
            do {
                let output = try MustacheInterpreter(partials: test.partials ?? [:]).render(test.template, test.data)
                if output != test.expected { failed.append("\(test.name): got \(output.debugDescription), expected \(test.expected.debugDescription)") }
            } catch {
                failed.append("\(test.name): \(error)")
            }
        }
        let report = failed.joined(separator: "\n")
        #expect(failed.isEmpty, "\(failed.count) of \(spec.tests.count) failed:\n\(report)")
        #expect(spec.tests.count > 5)
    }
}
