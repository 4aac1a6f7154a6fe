/// The graph stage: checks every reference, computes backlinks, related briefs and orders.
public struct GraphBuilder: Sendable {
    public let jobs: Int

    public init(jobs: Int = 1) {
        self.jobs = jobs
    }

    func build(_ content: ContentSet, bodies: [DocumentID: RenderedMarkdown]) -> (SiteGraph?, [Diagnostic]) {
        let (graph, diagnostics, _) = build(content, bodies: bodies, after: nil)
        return (graph, diagnostics)
    }

    /// The graph, and what the next build may start from. With `previous` (the last build's
    /// memo and the documents whose files changed since), only what the changed documents
    /// reach is worked out again when the rest of the site is the same (`Memo.reusable`);
    /// the graph and diagnostics are a full build's either way (tested with random edits).
    func build(
        _ content: ContentSet, bodies: [DocumentID: RenderedMarkdown], after previous: (memo: Memo, changed: Set<DocumentID>)?
    ) -> (SiteGraph?, [Diagnostic], Memo?) {
        if let previous, previous.memo.reusable(for: content, bodies: bodies, changed: previous.changed) {
            let (graph, diagnostics, memo) = update(previous.memo, content, bodies: bodies, changed: previous.changed)
            return (graph, diagnostics, memo)
        }
        var diagnostics: [Diagnostic] = []
        let all = content.allDocuments
        // Newest first; sorted as small keys, not as whole briefs. Related briefs need only this
        // order, and are scored meanwhile on a thread of their own: most of what follows runs
        // on one core.
        let briefOrder = content.briefs.map { (date: $0.date, title: $0.title, slug: $0.slug) }.sorted { a, b in
            (a.date, b.title, b.slug) > (b.date, a.title, a.slug)
        }.map(\.slug)
        let briefRank = Self.rank(briefOrder)
        // (Without a site there is no graph: nothing to wait for.)
        let related = content.site.map { _ in
            Background(jobs: jobs) { [jobs] in
                let index = RelatedIndex(content.briefs)
                return (index, Self.relatedBriefs(index, briefRank: briefRank, jobs: jobs))
            }
        }
        var documents: [ContentKind: [String: any Document]] = [:]
        for d in all where documents[d.id.kind]?[d.slug] == nil { documents[d.id.kind, default: [:]][d.slug] = d }

        // What each document names, in front matter and in its body; also the site's intro and
        // the files whose front matter failed, whose references are checked all the same.
        var groups = parallelMap(all.count, jobs: jobs) { i in
            all[i].allReferences + (bodies[all[i].id]?.references ?? [])
        }
        let published = groups.count
        groups.append(
            (bodies[.site]?.references ?? [])
                + (content.site?.citations ?? []).flatMap { [$0.document] + ($0.reportedBy.map { [$0] } ?? []) })
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
        let problemsByDocument = Dictionary(zip(all.map(\.id), problems.prefix(published)), uniquingKeysWith: { a, _ in a })
        let members = Self.members(content.people)

        guard let site = content.site else { return (nil, diagnostics, nil) }

        var order: [ContentKind: [String]] = [:]
        var timelineDiagnostics: [Diagnostic] = []
        for kind in ContentKind.documentKinds {
            switch kind {
            case .brief:
                order[kind] = briefOrder
            case .event:
                var timeline = TimelineOrder(events: Dictionary(content.events.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a }))
                order[kind] = timeline.sorted()
                timelineDiagnostics = timeline.diagnostics
            default:
                order[kind] = (content.documents[kind] ?? []).map { (label: $0.label, slug: $0.slug) }.sorted {
                    ($0.label, $0.slug) < ($1.label, $1.slug)
                }.map(\.slug)
            }
        }
        diagnostics += timelineDiagnostics
        var rank: [ContentKind: [String: Int]] = [.brief: briefRank]
        for (kind, slugs) in order where kind != .brief { rank[kind] = Self.rank(slugs) }

        let graph = SiteGraph(
            site: site, documents: documents, bodies: bodies, order: order, timelineRank: rank[.event] ?? [:],
            naming: backlinks.mapValues { byKind in
                Dictionary(uniqueKeysWithValues: byKind.map { kind, slugs in (kind, Self.ordered(slugs, by: rank[kind] ?? [:])) })
            },
            members: members, related: related?.value.1 ?? [:],
            pagination: Pagination(
                settings: site.pagination, timeline: order[.event] ?? [],
                events: Documents(bySlug: documents[.event] ?? [:])))
        // A memo only of a site whose documents each have one file and whose files all parsed:
        // any other is an error to fix, and is built in full.
        let memo =
            content.unpublished.isEmpty && documents.values.reduce(0) { $0 + $1.count } == all.count
            ? Memo(
                content: content, graph: graph, problems: problemsByDocument, rank: rank,
                timelineDiagnostics: timelineDiagnostics, relatedIndex: related?.value.0 ?? RelatedIndex([]))
            : nil
        return (graph, diagnostics, memo)
    }

    /// The people affiliated with each organization, by slug, sorted.
    static func members(_ people: [Person]) -> [String: [String]] {
        var members: [String: [String]] = [:]
        for person in people {
            for r in person.affiliations { members[r.slug, default: []].append(person.slug) }
        }
        return members.mapValues { $0.sorted() }
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
    static func relatedBriefs(_ index: RelatedIndex, briefRank: [String: Int], jobs: Int = 1) -> [String: [String]] {
        let slugs = index.slugs
        let best = related(
            features: index.features, rank: slugs.map { briefRank[$0, default: Int.max] }, jobs: jobs, index: index.postings)
        return Dictionary(uniqueKeysWithValues: zip(slugs, best.map { $0.map { slugs[$0] } }))
    }

    /// What related briefs are worked out from: each brief's features (in file order) and,
    /// for each feature, the briefs that have it. Kept for `serve`, which changes the entries
    /// of the briefs an edit changed.
    struct RelatedIndex: Sendable {
        var slugs: [String]
        var features: [Set<DocumentID>]
        var postings: [DocumentID: [Int]]
        var position: [String: Int]

        init(_ briefs: [Brief]) {
            slugs = briefs.map(\.slug)
            features = briefs.map(GraphBuilder.features)
            postings = GraphBuilder.postings(features)
            position = Dictionary(slugs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        }

        /// Brief `i`'s features are now `new`: its postings moved, each list kept in order.
        mutating func set(_ i: Int, _ new: Set<DocumentID>) {
            for key in features[i].subtracting(new) { postings[key]?.removeAll { $0 == i } }
            for key in new.subtracting(features[i]) {
                var items = postings[key] ?? []
                items.insert(i, at: items.firstIndex { $0 > i } ?? items.count)
                postings[key] = items
            }
            features[i] = new
        }
    }

    /// For each feature, the items that have it, in item order.
    static func postings(_ features: [Set<DocumentID>]) -> [DocumentID: [Int]] {
        var index: [DocumentID: [Int]] = [:]
        for (i, keys) in features.enumerated() {
            for key in keys { index[key, default: []].append(i) }
        }
        return index
    }

    /// For each item (a brief, by its features), the three others sharing the most weight
    /// (people and organizations count 2, topics 1), better `rank` first on a tie. An item
    /// whose postings touch at least `scanFrom` items is scored in one pass over every item;
    /// others, only over the items they touch. Both give the same three. With `only`, the
    /// three of those items alone, in that order.
    static func related(
        features: [Set<DocumentID>], rank: [Int], jobs: Int = 1, scanFrom: Int? = nil, only: [Int]? = nil,
        index: [DocumentID: [Int]]? = nil
    ) -> [[Int]] {
        let index = index ?? postings(features)
        // Each item's features as the items sharing them and their weight: scoring then
        // touches only integers.
        let items = only ?? Array(features.indices)
        let postings = items.map { i in
            features[i].map { key in (items: index[key, default: []], weight: key.kind == .topic ? 1 : 2) }
        }
        // Adding to a score costs about what looking at four scores in a row does.
        let scanFrom = scanFrom ?? features.count / 4
        return parallelMap(items.count, jobs: jobs, makeWorker: { Scores(count: features.count) }) { scores, n in
            let i = items[n]
            let touched = postings[n].reduce(0) { $0 + $1.items.count }
            if touched >= scanFrom {
                for (others, weight) in postings[n] { scores.addEverywhere(weight, to: others) }
                return scores.scanTopThree(except: i, rank: rank)
            }
            for (others, weight) in postings[n] { scores.add(weight, to: others, except: i) }
            return scores.takeTopThree(rank: rank)
        }
    }

    /// One thread's scores of every item against the item being matched, and the three best.
    private struct Scores {
        var score: [Int]
        var scored: [Int] = []

        init(count: Int) { score = Array(repeating: 0, count: count) }

        /// Adds `weight` to every item of `items` but `except`, noting the items newly scored.
        mutating func add(_ weight: Int, to items: [Int], except: Int) {
            score.withUnsafeMutableBufferPointer { score in
                for item in items where item != except {
                    if score[item] == 0 { scored.append(item) }
                    score[item] += weight
                }
            }
        }

        /// Adds `weight` to every item of `items`, without noting which: for `scanTopThree`.
        /// (On a shape where a few people are each named by a thousand briefs, this loop is
        /// most of the graph stage.)
        mutating func addEverywhere(_ weight: Int, to items: [Int]) {
            score.withUnsafeMutableBufferPointer { score in
                for item in items { score[item] &+= weight }
            }
        }

        /// The three best-scored of the items noted by `add`; clears their scores.
        mutating func takeTopThree(rank: [Int]) -> [Int] {
            var best = Best()
            score.withUnsafeBufferPointer { score in
                rank.withUnsafeBufferPointer { rank in
                    for item in scored { best.consider(item, score: score, rank: rank) }
                }
            }
            for item in scored { score[item] = 0 }
            scored.removeAll(keepingCapacity: true)
            return best.items
        }

        /// The three best-scored items but `except`, looking at every score; clears them all.
        mutating func scanTopThree(except: Int, rank: [Int]) -> [Int] {
            var best = Best()
            score[except] = 0
            score.withUnsafeMutableBufferPointer { score in
                rank.withUnsafeBufferPointer { rank in
                    // The third best so far, which most items score below: (1, any) until
                    // there are three.
                    var third = (score: 1, rank: Int.max)
                    for item in 0..<score.count {
                        let s = score[item]
                        if s < third.score || (s == third.score && rank[item] >= third.rank) { continue }
                        best.consider(item, score: UnsafeBufferPointer(score), rank: rank)
                        if best.items.count == 3 { third = (score[best.items[2]], rank[best.items[2]]) }
                    }
                }
                score.update(repeating: 0)
            }
            return best.items
        }
    }

    /// The three best items so far: higher score first, then lower rank (newer, for briefs).
    private struct Best {
        var items: [Int] = []

        mutating func consider(_ item: Int, score: UnsafeBufferPointer<Int>, rank: UnsafeBufferPointer<Int>) {
            let s = score[item]
            // Most items score below the third best so far.
            if items.count == 3, s < score[items[2]] || (s == score[items[2]] && rank[item] >= rank[items[2]]) {
                return
            }
            let index = items.firstIndex { s > score[$0] || (s == score[$0] && rank[item] < rank[$0]) } ?? items.count
            if index < 3 {
                items.insert(item, at: index)
                if items.count > 3 { items.removeLast() }
            }
        }
    }

    static func features(_ brief: Brief) -> Set<DocumentID> { Set(brief.references.map(\.target)) }
}
