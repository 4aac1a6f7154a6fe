/// The graph stage: checks every reference, computes backlinks, related briefs and orders.
public struct GraphBuilder: Sendable {
    public let jobs: Int

    public init(jobs: Int = 1) {
        self.jobs = jobs
    }

    func build(
        _ content: ContentSet, bodies: [String: RenderedMarkdown], stored: StoredBodies? = nil
    ) -> (SiteGraph?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let briefs = Dictionary(content.briefs.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let people = Dictionary(content.people.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let organizations = Dictionary(content.organizations.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let events = Dictionary(content.events.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let topics = Dictionary(content.topics.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let pages = Dictionary(content.pages.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })

        // What each document names, in front matter and in its body; for briefs and events also
        // the keys of what they name, for backlinks. Independent per document: on every core.
        let briefMentions = parallelMap(content.briefs.count, jobs: jobs) { i in
            let b = content.briefs[i]
            return Self.mentions(
                .brief, b.slug,
                Self.named(.brief, b.slug, [b.people, b.organizations, b.topics, b.events], bodies: bodies))
        }
        let eventMentions = parallelMap(content.events.count, jobs: jobs) { i in
            let e = content.events[i]
            return Self.mentions(
                .event, e.slug,
                Self.named(.event, e.slug, [e.people, e.organizations, e.topics, e.after], bodies: bodies))
        }
        var others = content.people.map { Self.named(.person, $0.slug, [$0.affiliations], bodies: bodies) }
        others += content.organizations.map { Self.named(.organization, $0.slug, [], bodies: bodies) }
        others += content.topics.map { Self.named(.topic, $0.slug, [], bodies: bodies) }
        others += content.pages.map { Self.named(.page, $0.slug, [], bodies: bodies) }
        others.append(bodies["site"]?.references ?? [])
        others += content.unpublished.map {
            Self.named($0.kind, $0.slug, [$0.references], key: Self.unpublishedKey($0.kind, $0.slug), bodies: bodies)
        }

        // Every slug named anywhere must have a file; fragments must name a heading there.
        // Checked on every core, gathered in document order, while one more thread collects
        // the backlinks.
        let groups = briefMentions.map(\.references) + eventMentions.map(\.references) + others
        let (problems, backlinks) = concurrently(
            jobs: jobs,
            {
                parallelMap(groups.count, jobs: jobs) { i in
                    groups[i].compactMap { Self.problem(with: $0, content: content, bodies: bodies) }
                }
            },
            {
                (
                    briefsNaming: Self.backlinks(content.briefs.map(\.slug), briefMentions),
                    eventsNaming: Self.backlinks(content.events.map(\.slug), eventMentions)
                )
            })
        diagnostics += problems.flatMap { $0 }
        diagnostics += SiteLinkCheck(content: content).problems(in: bodies)
        let (briefsNaming, eventsNaming) = backlinks
        var members: [String: [String]] = [:]
        for person in content.people {
            for r in person.affiliations { members[r.slug, default: []].append(person.slug) }
        }

        guard let site = content.site else { return (nil, diagnostics) }

        // Newest first; sorted as small keys, not as whole briefs.
        let briefOrder = content.briefs.map { (date: $0.date, title: $0.title, slug: $0.slug) }.sorted { a, b in
            (a.date, b.title, b.slug) > (b.date, a.title, a.slug)
        }.map(\.slug)
        var order = TimelineOrder(events: events)
        let timeline = order.sorted()
        diagnostics += order.diagnostics
        let eventRank = Dictionary(uniqueKeysWithValues: timeline.enumerated().map { ($1, $0) })
        let briefRank = Dictionary(uniqueKeysWithValues: briefOrder.enumerated().map { ($1, $0) })

        let related = Self.relatedBriefs(content.briefs, briefRank: briefRank, jobs: jobs)

        return (
            SiteGraph(
                site: site, briefs: briefs, people: people, organizations: organizations, events: events,
                topics: topics, pages: pages, bodies: bodies, storedBodies: stored, briefOrder: briefOrder,
                timeline: timeline, timelineRank: eventRank,
                peopleOrder: content.people.sorted { ($0.name, $0.slug) < ($1.name, $1.slug) }.map(\.slug),
                organizationOrder: content.organizations.sorted { ($0.name, $0.slug) < ($1.name, $1.slug) }.map(\.slug),
                topicOrder: content.topics.sorted { ($0.title, $0.slug) < ($1.title, $1.slug) }.map(\.slug),
                pageOrder: content.pages.sorted { ($0.title, $0.slug) < ($1.title, $1.slug) }.map(\.slug),
                briefsNaming: briefsNaming.mapValues { Self.ordered($0, by: briefRank) },
                eventsNaming: eventsNaming.mapValues { Self.ordered($0, by: eventRank) },
                members: members.mapValues { $0.sorted() },
                related: related),
            diagnostics
        )
    }

    /// What a document names, in front matter and in its body.
    static func named(
        _ kind: ContentKind, _ slug: String, _ frontMatter: [[ContentReference]], key: String? = nil,
        bodies: [String: RenderedMarkdown]
    ) -> [ContentReference] {
        frontMatter.flatMap { $0 } + (bodies[key ?? ContentSet.key(kind, slug)]?.references ?? [])
    }

    /// A document's references, with the keys of the documents other than itself they name.
    static func mentions(
        _ kind: ContentKind, _ slug: String, _ references: [ContentReference]
    ) -> (references: [ContentReference], targets: [String]) {
        let targets = references.filter { !($0.kind == kind && $0.slug == slug) }.map {
            ContentSet.key($0.kind, $0.slug)
        }
        return (references, targets)
    }

    /// For each key named, the slugs of the documents naming it.
    static func backlinks(
        _ slugs: [String], _ mentions: [(references: [ContentReference], targets: [String])]
    ) -> [String: Set<String>] {
        var naming: [String: Set<String>] = [:]
        for (slug, mention) in zip(slugs, mentions) {
            for key in mention.targets { naming[key, default: []].insert(slug) }
        }
        return naming
    }

    /// `slugs` in the order of `rank`, each rank looked up once.
    static func ordered(_ slugs: Set<String>, by rank: [String: Int]) -> [String] {
        slugs.map { (rank: rank[$0, default: 0], slug: $0) }.sorted { $0.rank < $1.rank }.map(\.slug)
    }

    /// The error a reference makes, if any: an unknown slug, or a fragment that is not a heading.
    static func problem(
        with reference: ContentReference, content: ContentSet, bodies: [String: RenderedMarkdown]
    ) -> Diagnostic? {
        if let draft = content.drafts[ContentSet.key(reference.kind, reference.slug)] {
            return .error(
                "graph.draft-reference",
                "\(reference.kind.folder)/\(reference.slug) is a draft ('draft: true' at \(draft)), left out of this build",
                at: reference.position, line: reference.sourceLine,
                hint: "publish it by deleting 'draft: true', preview drafts with --drafts, or remove the link")
        }
        guard content.exists(reference.kind, reference.slug) else {
            let candidates = content.existing.filter { $0.hasPrefix(reference.kind.folder + "/") }
                .map { String($0.dropFirst(reference.kind.folder.count + 1)) }.sorted()
            let nearest = FrontMatterReader.nearest(reference.slug, in: candidates)
            return .error(
                "graph.unknown-reference",
                "unknown \(reference.kind.rawValue) '\(reference.slug)': no file \(reference.kind.folder)/\(reference.slug).md",
                at: reference.position, line: reference.sourceLine,
                hint: nearest.map { "did you mean '\($0)'?" }
                    ?? "create \(reference.kind.folder)/\(reference.slug).md, or fix the slug")
        }
        if let fragment = reference.fragment, let body = bodies[ContentSet.key(reference.kind, reference.slug)],
            !body.headingIDs.contains(fragment)
        {
            return .error(
                "graph.unknown-fragment",
                "'#\(fragment)' is not a heading in \(reference.kind.folder)/\(reference.slug)",
                at: reference.position, line: reference.sourceLine,
                hint: body.headingIDs.isEmpty
                    ? "that page has no headings" : "its headings: \(body.headingIDs.joined(separator: ", "))")
        }
        return nil
    }

    /// Related briefs from an index of what each brief names, not by comparing every pair;
    /// each brief's scores are independent, so they are worked out on every core.
    static func relatedBriefs(_ briefs: [Brief], briefRank: [String: Int], jobs: Int = 1) -> [String: [String]] {
        var index: [String: [Int]] = [:]
        let features = briefs.map(Self.features)
        for (i, keys) in features.enumerated() {
            for key in keys { index[key, default: []].append(i) }
        }
        // Each brief's features as the briefs sharing them and their weight: scoring then
        // touches only integers.
        let postings = features.map { keys in
            keys.map { key in (briefs: index[key, default: []], weight: key.hasPrefix("topics/") ? 1 : 2) }
        }
        let rank = briefs.map { briefRank[$0.slug, default: Int.max] }
        let best = parallelMap(briefs.count, jobs: jobs, makeWorker: { Scores(count: briefs.count) }) {
            scores, i -> [String] in
            for (others, weight) in postings[i] {
                for other in others where other != i { scores.add(weight, to: other) }
            }
            return scores.takeTopThree(rank: rank).map { briefs[$0].slug }
        }
        return Dictionary(uniqueKeysWithValues: zip(briefs.map(\.slug), best))
    }

    /// One thread's scores of every brief against the brief being matched; only the briefs
    /// that scored are looked at and reset.
    private struct Scores {
        var score: [Int]
        var scored: [Int] = []

        init(count: Int) { score = Array(repeating: 0, count: count) }

        mutating func add(_ weight: Int, to brief: Int) {
            if score[brief] == 0 { scored.append(brief) }
            score[brief] += weight
        }

        /// The three best-scored briefs (newer first on a tie, by `rank`); clears the scores.
        mutating func takeTopThree(rank: [Int]) -> [Int] {
            var best: [Int] = []
            for brief in scored {
                let index =
                    best.firstIndex {
                        score[brief] > score[$0] || (score[brief] == score[$0] && rank[brief] < rank[$0])
                    } ?? best.count
                if index < 3 {
                    best.insert(brief, at: index)
                    if best.count > 3 { best.removeLast() }
                }
            }
            for brief in scored { score[brief] = 0 }
            scored.removeAll(keepingCapacity: true)
            return best
        }
    }

    private static func features(_ brief: Brief) -> Set<String> {
        Set((brief.people + brief.organizations + brief.topics + brief.events).map { ContentSet.key($0.kind, $0.slug) })
    }

    /// Where the bodies of files with front matter errors are kept, apart from published ones.
    static func unpublishedKey(_ kind: ContentKind, _ slug: String) -> String {
        "unpublished:" + ContentSet.key(kind, slug)
    }
}
