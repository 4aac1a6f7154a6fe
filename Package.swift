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
    // other commit ids than GitHub's), so the versions are pinned here and every machine builds
    // the same libraries. None of them has dependencies of its own.
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // `sitegen serve`: a small HTTP server with no SwiftNIO to build.
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
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
                .product(name: "FlyingFox", package: "FlyingFox"),
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
