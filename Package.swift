// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        .library(name: "SitegenCore", targets: ["SitegenCore"]),
    ],
    // Exact versions: Package.resolved is not committed (this machine's package mirror gives
    // other commit ids than GitHub's), so the versions are pinned here. Hummingbird brings
    // SwiftNIO and its companions, resolved within Hummingbird's own version ranges.
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // `sitegen serve`: Hummingbird 2 on SwiftNIO, whose HTTP parser caps a request's head
        // before parsing it in full, and which closes idle connections and bounds their number.
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        // Test-only: checks that every front matter our subset accepts means the same strings to a YAML parser.
        .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Pagefind's index files are gzip'd: read and written again in a fixed order
        // (`StableSearchIndex`).
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Runs Pagefind as a supervised tool: fork and exec with its own process group, a working
        // folder of its own and a parent-death signal (C: the child may only make
        // async-signal-safe calls, and prctl is variadic).
        .target(name: "CSupervise"),
        .target(
            name: "SitegenCore",
            dependencies: [
                "CCmarkGFM",
                "CSupervise",
                "CZlib",
            ]
        ),
        .target(
            name: "SitegenServe",
            dependencies: [
                "SitegenCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "sitegen",
            dependencies: [
                "SitegenCore",
                "SitegenServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SitegenCoreTests",
            dependencies: [
                "SitegenCore",
                "SitegenServe",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
