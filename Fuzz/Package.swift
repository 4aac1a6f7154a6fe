// swift-tools-version:6.0
// libFuzzer targets for sitegen's two parsers of untrusted text. A package of its own, so the
// main build never links them; build and run with Fuzz/run (CI runs each for a minute).
import PackageDescription

let fuzzerFlags: [SwiftSetting] = [.unsafeFlags(["-sanitize=fuzzer,address", "-parse-as-library"])]
let fuzzerLink: [LinkerSetting] = [.unsafeFlags(["-sanitize=fuzzer,address"])]

let package = Package(
    name: "sitegen-fuzz",
    dependencies: [.package(name: "sitegen", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzFrontMatter",
            dependencies: [.product(name: "SitegenCore", package: "sitegen"), "FuzzFrontMatterMain"],
            swiftSettings: fuzzerFlags, linkerSettings: fuzzerLink),
        .target(name: "FuzzFrontMatterMain"),
        .executableTarget(
            name: "FuzzMarkdown", dependencies: [.product(name: "SitegenCore", package: "sitegen"), "FuzzMarkdownMain"],
            swiftSettings: fuzzerFlags, linkerSettings: fuzzerLink),
        .target(name: "FuzzMarkdownMain"),
    ],
    swiftLanguageModes: [.v6]
)
