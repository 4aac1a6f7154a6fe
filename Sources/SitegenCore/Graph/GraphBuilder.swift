/// The graph stage: checks every reference, computes backlinks, related briefs and orders.
public struct GraphBuilder: Sendable {
    public let jobs: Int

    public init(jobs: Int = 1) {
        self.jobs = jobs
    }

    func build(_ content: ContentSet, bodies: [DocumentID: RenderedMarkdown]) -> (SiteGraph?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let all = content.allDocuments
        // Newest first; sorted as small keys, not as whole briefs. Related briefs need only this
        // order, and are scored meanwhile on a thread of their own: most of what follows runs
        // on one core.
        let briefOrder = content.briefs.map { (date: $0.date, title: $0.title, slug: $0.slug) }.sorted { a, b in
            (a.date, b.title, b.slug) > (b.date, a.title, a.slug)
        }.map(\.slug)
        let briefRank = Self.rank(briefOrder)
        let related = Background(jobs: jobs) { [jobs] in
            Self.relatedBriefs(content.briefs, briefRank: briefRank, jobs: jobs)
        }
        var documents: [ContentKind: [String: any Document]] = [:]
        for d in all where documents[d.id.kind]?[d.slug] == nil { documents[d.id.kind, default: [:]][d.slug] = d }

        // What each document names, in front matter and in its body; also the site's intro and
        // the files whose front matter failed, whose references are checked all the same.
        var groups = parallelMap(all.count, jobs: jobs) { i in
            all[i].allReferences + (bodies[all[i].id]?.references ?? [])
        }
        let published = groups.count
        groups.append(bodies[.site]?.references ?? [])
        groups += content.unpublished.map { $0.references + (bodies[$0.id]?.references ?? []) }

        // Every document named must have a file; fragments must name a heading there. Checked
        // on every core, gathered in document order, while one more thread collects backlinks.
        let frozen = groups
        let (problems, backlinks) = concurrently(
            jobs: jobs,
            {
                parallelMap(frozen.count, jobs: jobs) { i in
                    frozen[i].compactMap { Self.problem(with: $0, content: content, bodies: bodies) }
                }
            },
            {
                var naming: [DocumentID: [ContentKind: Set<String>]] = [:]
                for (d, references) in zip(all, frozen.prefix(published)) {
                    for r in references where r.target != d.id { naming[r.target, default: [:]][d.id.kind, default: []].insert(d.slug) }
                }
                return naming
            })
        diagnostics += problems.flatMap { $0 }
        diagnostics += SiteLinkCheck(content: content).problems(in: bodies)
        var members: [String: [String]] = [:]
        for person in content.people {
            for r in person.affiliations { members[r.slug, default: []].append(person.slug) }
        }

        guard let site = content.site else { return (nil, diagnostics) }

        var order: [ContentKind: [String]] = [:]
        for kind in ContentKind.documentKinds {
            switch kind {
            case .brief:
                order[kind] = briefOrder
            case .event:
                var timeline = TimelineOrder(events: Dictionary(content.events.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a }))
                order[kind] = timeline.sorted()
                diagnostics += timeline.diagnostics
            default:
                order[kind] = (content.documents[kind] ?? []).map { (label: $0.label, slug: $0.slug) }.sorted {
                    ($0.label, $0.slug) < ($1.label, $1.slug)
                }.map(\.slug)
            }
        }
        var rank: [ContentKind: [String: Int]] = [.brief: briefRank]
        for (kind, slugs) in order where kind != .brief { rank[kind] = Self.rank(slugs) }

        return (
            SiteGraph(
                site: site, documents: documents, bodies: bodies, order: order, timelineRank: rank[.event] ?? [:],
                naming: backlinks.mapValues { byKind in
                    Dictionary(uniqueKeysWithValues: byKind.map { kind, slugs in (kind, Self.ordered(slugs, by: rank[kind] ?? [:])) })
                },
                members: members.mapValues { $0.sorted() }, related: related.value,
                archive: Archive(
                    settings: site.archive, timeline: order[.event] ?? [],
                    events: Documents(bySlug: documents[.event] ?? [:]))),
            diagnostics
        )
    }

    /// Each slug's place in `order`.
    static func rank(_ order: [String]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
    }

    /// `slugs` in the order of `rank`, each rank looked up once.
    static func ordered(_ slugs: Set<String>, by rank: [String: Int]) -> [String] {
        slugs.map { (rank: rank[$0, default: 0], slug: $0) }.sorted { ($0.rank, $0.slug) < ($1.rank, $1.slug) }.map(\.slug)
    }

    /// The error a reference makes, if any: an unknown slug, or a fragment that is not a heading.
    static func problem(
        with reference: ContentReference, content: ContentSet, bodies: [DocumentID: RenderedMarkdown]
    ) -> Diagnostic? {
        let target = reference.target
        if let draft = content.drafts[target] {
            return .error(
                "graph.draft-reference",
                "\(target) is a draft ('draft: true' at \(draft)), left out of this build",
                at: reference.position, line: reference.sourceLine,
                hint: "publish it by deleting 'draft: true', preview drafts with --drafts, or remove the link")
        }
        guard content.exists(target) else {
            let candidates = content.existing.filter { $0.kind == target.kind }.map(\.slug).sorted()
            let nearest = FrontMatterReader.nearest(reference.slug, in: candidates)
            return .error(
                "graph.unknown-reference",
                "unknown \(reference.kind.rawValue) '\(reference.slug)': no file \(target).md",
                at: reference.position, line: reference.sourceLine,
                hint: nearest.map { "did you mean '\($0)'?" } ?? "create \(target).md, or fix the slug")
        }
        if let fragment = reference.fragment, let body = bodies[target], !body.headingIDs.contains(fragment) {
            return .error(
                "graph.unknown-fragment", "'#\(fragment)' is not a heading in \(target)",
                at: reference.position, line: reference.sourceLine,
                hint: body.headingIDs.isEmpty
                    ? "that page has no headings" : "its headings: \(body.headingIDs.joined(separator: ", "))")
        }
        return nil
    }

    /// Related briefs from an index of what each brief names, not by comparing every pair;
    /// each brief's scores are independent, so they are worked out on every core.
    static func relatedBriefs(_ briefs: [Brief], briefRank: [String: Int], jobs: Int = 1) -> [String: [String]] {
        var index: [DocumentID: [Int]] = [:]
        let features = briefs.map(Self.features)
        for (i, keys) in features.enumerated() {
            for key in keys { index[key, default: []].append(i) }
        }
        // Each brief's features as the briefs sharing them and their weight: scoring then
        // touches only integers.
        let postings = features.map { keys in
            keys.map { key in (briefs: index[key, default: []], weight: key.kind == .topic ? 1 : 2) }
        }
        let rank = briefs.map { briefRank[$0.slug, default: Int.max] }
        let best = parallelMap(briefs.count, jobs: jobs, makeWorker: { Scores(count: briefs.count) }) {
            scores, i -> [String] in
            for (others, weight) in postings[i] { scores.add(weight, to: others, except: i) }
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

        /// Adds `weight` to every brief of `briefs` but `except`. (On a shape where a few
        /// people are each named by a thousand briefs, this loop is most of the graph stage.)
        mutating func add(_ weight: Int, to briefs: [Int], except: Int) {
            score.withUnsafeMutableBufferPointer { score in
                for brief in briefs where brief != except {
                    if score[brief] == 0 { scored.append(brief) }
                    score[brief] += weight
                }
            }
        }

        /// The three best-scored briefs (newer first on a tie, by `rank`); clears the scores.
        mutating func takeTopThree(rank: [Int]) -> [Int] {
            var best: [Int] = []
            for brief in scored {
                let s = score[brief]
                // Most briefs score below the third best so far.
                if best.count == 3, s < score[best[2]] || (s == score[best[2]] && rank[brief] >= rank[best[2]]) {
                    continue
                }
                let index =
                    best.firstIndex {
                        s > score[$0] || (s == score[$0] && rank[brief] < rank[$0])
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

    private static func features(_ brief: Brief) -> Set<DocumentID> { Set(brief.references.map(\.target)) }
}
