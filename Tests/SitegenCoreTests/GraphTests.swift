import Testing

@testable import SitegenCore

/// Parses in-memory files (kind, slug, text), renders their bodies and builds the graph.
private func graph(_ files: [(ContentKind, String, String)]) -> (SiteGraph?, [Diagnostic]) {
    let site = SourceFile(
        path: "Content/site.md", text: "---\ntitle: T\ndescription: D\nlanguage: en\nas-of: 2025-08-30\n---\n")
    let loaded = LoadedContent(
        site: site,
        files: files.map {
            ContentFile(
                kind: $0.0, slug: $0.1, source: SourceFile(path: "Content/\($0.0.folder)/\($0.1).md", text: $0.2))
        }, diagnostics: [])
    let (content, parseProblems) = parseContent(loaded, includeDrafts: false)
    precondition(parseProblems.isEmpty, "\(parseProblems)")
    let (bodies, _) = SiteBuilder(options: BuildOptions()).renderBodies(content)
    return GraphBuilder().build(content, bodies: bodies)
}

private func brief(_ slug: String, date: String = "2025-08-30", _ extra: String = "", body: String = "") -> (
    ContentKind, String, String
) {
    (.brief, slug, "---\ntitle: \(slug)\nsummary: S\ndate: \(date)\nkind: news\n\(extra)\n---\n\(body)")
}

private func person(_ slug: String, _ extra: String = "") -> (ContentKind, String, String) {
    (.person, slug, "---\nname: \(slug)\nrole: R\nsummary: S\n\(extra)\n---\n")
}

@Suite("The content graph")
struct GraphTests {
    @Test func unknownSlugsAreErrorsWithTheNearestSuggested() throws {
        let (_, diagnostics) = graph([
            person("claudia-sheinbaum"),
            brief("a", "people: [claudia-sheinbam]", body: "See [x](@people/marco-rubio).\n"),
        ])
        #expect(diagnostics.map(\.code) == ["graph.unknown-reference", "graph.unknown-reference"])
        #expect(diagnostics[0].message == "unknown person 'claudia-sheinbam': no file people/claudia-sheinbam.md")
        #expect(diagnostics[0].hint == "did you mean 'claudia-sheinbaum'?")
        #expect(diagnostics[0].position?.description == "Content/briefs/a.md:6:10")
        #expect(diagnostics[1].position?.description == "Content/briefs/a.md:8:5")
    }

    @Test func fragmentsMustNameAHeading() throws {
        let (_, diagnostics) = graph([
            (.topic, "t", "---\ntitle: T\nsummary: S\n---\n## The judges\n"),
            brief("a", body: "[ok](@topics/t#the-judges) and [bad](@topics/t#judges)\n"),
        ])
        #expect(diagnostics.map(\.code) == ["graph.unknown-fragment"])
        #expect(diagnostics.first?.hint == "its headings: the-judges")
    }

    @Test func relatedBriefsRankBySharedPeopleThenDate() throws {
        let (built, diagnostics) = graph([
            person("p1"), person("p2"), (.topic, "t", "---\ntitle: T\nsummary: S\n---\n"),
            brief("main", "people: [p1, p2]\ntopics: [t]"),
            brief("two-shared", date: "2025-08-01", "people: [p1, p2]"),
            brief("one-shared-new", date: "2025-08-29", "people: [p1]"),
            brief("one-shared-old", date: "2025-08-02", "people: [p2]"),
            brief("topic-only", date: "2025-08-30", "topics: [t]"),
            brief("nothing", date: "2025-08-30"),
        ])
        let g = try #require(built)
        #expect(diagnostics.isEmpty)
        #expect(g.related["main"] == ["two-shared", "one-shared-new", "one-shared-old"])
        #expect(g.related["nothing"] == [])
    }

    @Test func relatedItemsAreTheSameScoredSparselyOrByScanningAndMatchEveryPairCompared() {
        // 300 items naming a few of 4 hubs and 60 rarer documents, in a fixed pseudo-random way.
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        let kinds: [ContentKind] = [.person, .organization, .topic]
        let features: [Set<DocumentID>] = (0..<300).map { _ in
            var keys: Set<DocumentID> = []
            for _ in 0..<(1 + next(4)) {
                keys.insert(
                    next(3) == 0 ? DocumentID(kinds[next(3)], "hub\(next(4))") : DocumentID(kinds[next(3)], "d\(next(60))"))
            }
            return next(10) == 0 ? [] : keys
        }
        let rank = (0..<300).map { ($0 * 7919) % 300 }
        // Every pair compared: the three best by shared weight, then rank.
        let expected: [[Int]] = features.indices.map { i in
            let scored = features.indices.compactMap { j -> (Int, Int)? in
                guard j != i else { return nil }
                let weight = features[i].intersection(features[j]).reduce(0) { $0 + ($1.kind == .topic ? 1 : 2) }
                return weight > 0 ? (j, weight) : nil
            }
            return scored.sorted { ($0.1, rank[$1.0]) > ($1.1, rank[$0.0]) }.prefix(3).map(\.0)
        }
        let sparse = GraphBuilder.related(features: features, rank: rank, jobs: 2, scanFrom: Int.max)
        let scanning = GraphBuilder.related(features: features, rank: rank, jobs: 2, scanFrom: 0)
        // A threshold some items reach and others do not: both ways in one run.
        let touched = features.map { keys in
            keys.reduce(0) { sum, key in sum + features.filter { $0.contains(key) }.count }
        }
        let threshold = touched.sorted()[touched.count / 2]
        #expect(touched.contains { $0 < threshold } && touched.contains { $0 >= threshold })
        let mixed = GraphBuilder.related(features: features, rank: rank, jobs: 2, scanFrom: threshold)
        #expect(expected.filter { $0.count == 3 }.count > 200)
        #expect(sparse == expected)
        #expect(scanning == expected)
        #expect(mixed == expected)
    }

    @Test func backlinksComeFromFrontMatterAndBodiesOnce() throws {
        let (g, _) = graph([
            person("p1", "affiliations: [o]"), (.organization, "o", "---\nname: O\nkind: party\nsummary: S\n---\n"),
            brief("a", "people: [p1]", body: "[again](@people/p1) and [o](@organizations/o)\n"),
            (.event, "e", "---\ntitle: E\ndate: 2025-09-01\npeople: [p1]\n---\n"),
        ])
        let graph = try #require(g)
        #expect(graph.naming(.brief, DocumentID(.person, "p1")) == ["a"])
        #expect(graph.naming(.event, DocumentID(.person, "p1")) == ["e"])
        #expect(graph.naming(.brief, DocumentID(.organization, "o")) == ["a"])
        #expect(graph.members["o"] == ["p1"])
        #expect(graph.isScheduled(try #require(graph.events["e"])))
    }

    private static func event(_ slug: String, _ date: String, _ extra: String = "") -> (ContentKind, String, String) {
        (.event, slug, "---\ntitle: \(slug)\ndate: \(date)\n\(extra)\n---\n")
    }

    @Test func aMonthEventWithAfterFollowsTheDayItCameAfter() throws {
        let (g, diagnostics) = graph([
            Self.event("brawl", "2025-08-27"), Self.event("cruz", "2025-08-29"),
            Self.event("statement", "2025-08", "after: [brawl]"), Self.event("earlier-this-month", "2025-08"),
            Self.event("expulsion-call", "2025-08", "after: [statement]"),
        ])
        #expect(diagnostics.isEmpty)
        #expect(g?.timeline == ["earlier-this-month", "brawl", "statement", "expulsion-call", "cruz"])
    }

    @Test func afterCannotContradictTheDatesOrMakeACycle() throws {
        let (_, contradiction) = graph([Self.event("a", "2025-08-27"), Self.event("b", "2025-07", "after: [a]")])
        #expect(contradiction.map(\.code) == ["graph.event-order"])
        #expect(contradiction.first?.position?.description == "Content/events/b.md:4:9")
        let (_, cycle) = graph([Self.event("a", "2025-08", "after: [b]"), Self.event("b", "2025-08", "after: [a]")])
        #expect(cycle.map(\.code) == ["graph.event-cycle"])
    }
}
